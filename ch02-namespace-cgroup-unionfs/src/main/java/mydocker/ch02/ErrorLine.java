package mydocker.ch02;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one line a failure becomes on stderr, whatever threw it: Docker's CLI
 * never shows a stack trace, a class name or a parser's multi-line report.
 * Commands give their own messages where they know better (naming the file
 * and what to do); this is the net under them. The JDK's file exceptions
 * carry only a path as their message ("/x/y"): they get their reason back.
 */
public final class ErrorLine {
    private ErrorLine() {}

    public static String of(Throwable e) {
        Throwable shown = e instanceof UncheckedIOException
                        && e.getCause() != null
                        && String.valueOf(e.getMessage()).equals(e.getCause().toString())
                ? e.getCause()
                : e;
        String message = shown.getMessage();
        if (shown instanceof NumberFormatException && message != null && message.startsWith("For input string: ")) {
            return "invalid number " + message.substring("For input string: ".length())
                    + ": give a whole number in range";
        }
        if (message == null || message.isBlank() || isBug(shown)) {
            return "internal error (" + shown.getClass().getSimpleName()
                    + "): this is a bug in mydocker; please report it with the command that caused it";
        }
        String reason = reason(shown);
        String line = reason == null ? message : message + ": " + reason;
        int newline = line.indexOf('\n');
        return (newline < 0 ? line : line.substring(0, newline)).strip();
    }

    /** Exceptions that only a mistake in our code throws: their text means nothing to a user. */
    private static boolean isBug(Throwable e) {
        return e instanceof NullPointerException
                || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException
                || e instanceof ArithmeticException;
    }

    /** What the JDK's file exceptions leave out of their message. */
    private static String reason(Throwable e) {
        if (e instanceof NoSuchFileException n && n.getReason() == null) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException a && a.getReason() == null) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f && f.getReason() == null) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return null;
    }
}
