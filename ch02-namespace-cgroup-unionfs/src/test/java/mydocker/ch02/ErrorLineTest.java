package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
    @Test
    void aMessageIsKeptAsItIs() {
        assertEquals("No such container: x", ErrorLine.of(new IllegalArgumentException("No such container: x")));
    }

    @Test
    void onlyTheFirstLineOfAParsersReportIsShown() {
        assertEquals(
                "Unexpected end-of-input: expected close marker for Object",
                ErrorLine.of(new IOException("Unexpected end-of-input: expected close marker for Object\n"
                        + " at [Source: REDACTED; line: 1, column: 2]")));
    }

    @Test
    void aFileExceptionGetsItsReasonBack() {
        assertEquals("/no/x: no such file or directory", ErrorLine.of(new NoSuchFileException("/no/x")));
        assertEquals("/etc/x: permission denied", ErrorLine.of(new AccessDeniedException("/etc/x")));
        assertEquals(
                "/d: Device or resource busy",
                ErrorLine.of(new FileSystemException("/d", null, "Device or resource busy")));
        assertEquals(
                "/no/x: no such file or directory",
                ErrorLine.of(new UncheckedIOException(new NoSuchFileException("/no/x"))));
    }

    @Test
    void noMessageIsABugSaidPlainly() {
        assertEquals(
                "internal error (NullPointerException): this is a bug in mydocker; please report it with the command"
                        + " that caused it",
                ErrorLine.of(new NullPointerException()));
        assertEquals(
                "internal error (IndexOutOfBoundsException): this is a bug in mydocker; please report it with the"
                        + " command that caused it",
                ErrorLine.of(new IndexOutOfBoundsException("Index 3 out of bounds for length 2")));
    }

    @Test
    void aNumberTooBigSaysSoWithoutJava() {
        assertEquals(
                "invalid number \"99999999999\": give a whole number in range",
                ErrorLine.of(new NumberFormatException("For input string: \"99999999999\"")));
    }
}
