package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mydocker.syscall.ChapterProgram.Result;

/**
 * The house rule for bad input, as an assertion: exit 125 (mydocker's own
 * error, as Docker's) and one line on stderr naming what was wrong.
 */
public final class OneLine {
    private OneLine() {}

    /** Exit 125 and exactly {@code line} on stderr. */
    public static void assertOneLine(Result r, String line) {
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(line + "\n", r.stderr(), r::toString);
    }

    /** Exit 125 and one line on stderr that starts with {@code start} (the rest names a path or an errno). */
    public static void assertOneLineStartingWith(Result r, String start) {
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith(start), r::toString);
    }
}
