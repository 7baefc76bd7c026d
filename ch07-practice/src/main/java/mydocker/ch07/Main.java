package mydocker.ch07;

import picocli.CommandLine.Command;

/**
 * Chapter 7 (高级实践): the Docker-like program of chapters 3-6, whose
 * containers now start through an OCI bundle set up by the runtime's code
 * ({@link Engine}); the runtime itself, with runc's command line, is
 * {@link Runc} ({@code ./mydocker-runc}).
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch07",
        description = "Chapter 7: chapter 6's engine, each container started from an OCI bundle; the runtime is"
                + " ./mydocker-runc.")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
