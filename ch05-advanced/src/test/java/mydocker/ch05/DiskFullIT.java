package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data root on a small tmpfs that a container fills: the container ends
 * with its own exit code and status, and a `run -d` on the full disk fails
 * on one line and leaves no container directory.
 */
@Privileged
class DiskFullIT {
    @TempDir
    Path temp;

    private Path dataRoot;
    private TestEngine engine;
    private final Set<String> made = new TreeSet<>();

    @BeforeEach
    void smallDisk() throws Exception {
        dataRoot = Files.createDirectories(temp.resolve("root"));
        command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dataRoot.toString());
        engine = new TestEngine(Main.class, dataRoot, Files.createDirectories(temp.resolve("exec")));
        engine.ok("run", "--rm", "busybox", "true"); // the image, while there is room
    }

    @AfterEach
    void removeAndUnmount() throws Exception {
        try {
            engine.removeAllContainers();
            made.addAll(engine.containerIds());
            assertEquals(List.of(), engine.leftovers(made));
        } finally {
            command("umount", dataRoot.toString());
        }
    }

    @Test
    void aContainerThatFillsTheDiskEndsWithItsOwnExitCode() {
        String id = engine.ok(
                        "run", "-d", "--name", "filler", "busybox", "sh", "-c", "dd if=/dev/zero of=/big bs=1M; exit 7")
                .stdout()
                .strip();
        made.add(id);
        TestEngine.waitUntil(() -> !engine.ok("ps", "-q").stdout().contains(id.substring(0, 12)));
        Result ps = engine.ok("ps", "-a");
        assertEquals("", ps.stderr());
        assertTrue(
                ps.stdout().lines().anyMatch(l -> l.startsWith(id.substring(0, 12)) && l.contains("Exited (7)")),
                ps::toString);

        Result full = engine.run("run", "-d", "busybox", "true");
        assertEquals(125, full.exitCode(), full::toString);
        assertEquals(1, full.stderr().lines().count(), full::toString);
        assertTrue(full.stderr().contains("No space left on device"), full::toString);
        assertEquals(Set.of(id), engine.containerIds(), "no directory for the container that could not be made");
    }

    private static void command(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", argv));
    }
}
