package mydocker.ch03;

import java.util.List;

/**
 * What follows {@code run}'s flags. It is a picocli mixin that {@link RunCommand}
 * is given, not fields of its own, because a subclass cannot take back an
 * inherited {@code @Parameters}: a chapter whose {@code run} reads these words
 * differently (an image first, as Docker's) gives its own mixin instead.
 */
public interface RunArguments {
    /** The command to run and its arguments; empty when none was given. */
    List<String> command();
}
