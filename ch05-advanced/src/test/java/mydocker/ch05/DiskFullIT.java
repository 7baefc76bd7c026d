package mydocker.ch05;

import static mydocker.syscall.OneLine.assertOneLineStartingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The data root on a small tmpfs that a container fills: the container ends
 * with its own exit code and status, and a `run -d` on the full disk fails
 * on one line and leaves no container directory.
 */
@Privileged
class DiskFullIT {
    @RegisterExtension
    final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    private final Set<String> made = new TreeSet<>();

    @BeforeEach
    void smallDisk() {
        Host.run(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=16m",
                "tmpfs",
                engine.dataRoot().toString());
        engine.ok("run", "--rm", "busybox", "true"); // the image, while there is room
    }

    @AfterEach
    void removeAndUnmount() throws Exception {
        try {
            assertEquals(List.of(), engine.removeAllAndListLeftovers(made));
        } finally {
            Host.run("umount", engine.dataRoot().toString());
        }
    }

    @Test
    void aContainerThatFillsTheDiskEndsWithItsOwnExitCode() {
        String id = engine.ok(
                        "run", "-d", "--name", "filler", "busybox", "sh", "-c", "dd if=/dev/zero of=/big bs=1M; exit 7")
                .stdout()
                .strip();
        made.add(id);
        Poll.until("it has ended", () -> !engine.ok("ps", "-q").stdout().contains(id.substring(0, 12)));
        Result ps = engine.ok("ps", "-a");
        assertEquals("", ps.stderr());
        assertTrue(
                ps.stdout().lines().anyMatch(l -> l.startsWith(id.substring(0, 12)) && l.contains("Exited (7)")),
                ps::toString);

        Result full = engine.run("run", "-d", "busybox", "true");
        assertOneLineStartingWith(full, "mydocker: ");
        assertTrue(full.stderr().contains("No space left on device"), full::toString);
        assertEquals(Set.of(id), engine.containerIds(), "no directory for the container that could not be made");
    }
}
