package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Book 2.3 with overlayfs: copy-up, whiteout, lower untouched, no mount left on the host. */
@Privileged
class OverlayDemoIT {
    @TempDir
    Path dir;

    @Test
    void writesCopyUpDeletesWhiteOutLowerStaysAsItWas() throws Exception {
        Result r = ChapterProgram.run(
                Main.class,
                "overlay",
                "--dir",
                dir.toString(),
                "-c",
                "echo changed > merged/a.txt; rm merged/b.txt; echo new > merged/c.txt; ls merged");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("a.txt\nc.txt\n", r.stdout(), "the union as the shell saw it");

        assertEquals("changed\n", Files.readString(dir.resolve("upper/a.txt")), "copied up");
        assertTrue(Overlay.isWhiteout(dir.resolve("upper/b.txt")), "a whiteout hides b.txt");
        assertEquals("new\n", Files.readString(dir.resolve("upper/c.txt")));

        assertEquals("a: from lower\n", Files.readString(dir.resolve("lower/a.txt")), "lower untouched");
        assertEquals("b: from lower\n", Files.readString(dir.resolve("lower/b.txt")), "lower untouched");
        assertFalse(Files.exists(dir.resolve("lower/c.txt")));

        assertFalse(
                Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()),
                "the overlay lived only in the demo's mount namespace");
        assertTrue(r.stderr().contains("whiteout"), r::toString);
    }
}
