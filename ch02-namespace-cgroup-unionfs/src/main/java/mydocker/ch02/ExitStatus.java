package mydocker.ch02;

/**
 * A failure that knows the exit status Docker gives it: 126 or 127 when the
 * container's command cannot be run or found, instead of {@link Cli}'s 125
 * for mydocker's own errors.
 */
public interface ExitStatus {
    int exitStatus();
}
