package mydocker.ch04;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A container's state file that exists but cannot be taken as what it should
 * be: truncated, garbled, empty, a directory, or missing a field. It names the
 * file and says briefly why, so that one broken container is reported on one
 * line and never stops a command about the others (chapter 5's `ps`, `rm -f`).
 */
public final class CorruptFileException extends IOException {
    private final transient Path file;
    private final String reason;

    public CorruptFileException(Path file, String reason) {
        super(file.getFileName() + " is corrupt (" + reason + ")");
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Why, in a few words: "it is empty", Jackson's first line and where. */
    public String reason() {
        return reason;
    }

    /** Fails unless {@code ok}: for a field a file must have, checked once as it is read. */
    public static void require(boolean ok, Path file, String reason) throws CorruptFileException {
        if (!ok) {
            throw new CorruptFileException(file, reason);
        }
    }
}
