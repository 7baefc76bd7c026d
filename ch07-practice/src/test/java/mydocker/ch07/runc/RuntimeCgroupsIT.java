package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch04.image.Json;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's cgroups for real, as a lab: pause freezes a container (its
 * counter stops where it stands) and resume lets it go on; pids.limit stops a
 * fork bomb at fork(); a relative cgroupsPath's parent levels go with the
 * container, and only those its create made. Each test's groups are under the
 * JVM's own parent, and none is left.
 */
@Privileged
@Tag("cgroup")
class RuntimeCgroupsIT {
    private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;
    private ObjectNode config;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "echo", "sleep", "true");
        bundle = dir.resolve("bundle");
        config = (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    /** Writes config.json: {@code args}, in the group {@code cgroupsPath}, with {@code resources}. */
    private void create(String id, String cgroupsPath, String resources, String... args) throws IOException {
        ArrayNode argv = ((ObjectNode) config.get("process")).putArray("args");
        List.of(args).forEach(argv::add);
        ObjectNode linux = (ObjectNode) config.get("linux");
        linux.put("cgroupsPath", cgroupsPath);
        linux.set("resources", Json.MAPPER.readTree(resources));
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
        runc.ok("create", "--bundle", bundle.toString(), id);
    }

    private String group() {
        return "g-" + dir.getFileName();
    }

    private String status(String id) {
        try {
            JsonNode state = Json.MAPPER.readTree(runc.ok("state", id).stdout());
            return state.get("status").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long lines(Path file) {
        try {
            return Files.readString(file).lines().count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pauseFreezesTheContainerAndResumeLetsItGoOn() throws Exception {
        create(
                "p1",
                "/" + TestCgroups.PARENT + "/" + group(),
                "{}",
                "sh",
                "-c",
                "i=0; while true; do i=$((i+1)); echo $i; sleep 0.02; done");
        Path counter = runc.lastStdout();
        runc.ok("start", "p1");
        Poll.until("it counts", () -> lines(counter) > 3);

        runc.ok("pause", "p1");
        assertEquals("paused", status("p1"));
        long frozenAt = lines(counter);
        Thread.sleep(500);
        assertEquals(frozenAt, lines(counter), "a frozen container makes no progress");
        Result exec = runc.run("exec", "p1", "true");
        assertTrue(exec.stderr().contains("not running: paused"), exec::toString);
        Result start = runc.run("start", "p1");
        assertTrue(start.stderr().contains("cannot start a container in the paused state"), start::toString);
        Result delete = runc.run("delete", "p1");
        assertTrue(delete.stderr().contains("that is not stopped: paused"), delete::toString);
        Result pauseAgain = runc.run("pause", "p1");
        assertNotEquals(0, pauseAgain.exitCode(), pauseAgain::toString);

        runc.ok("resume", "p1");
        assertEquals("running", status("p1"));
        Poll.until("it counts again", () -> lines(counter) > frozenAt + 3);
        Result resumeAgain = runc.run("resume", "p1");
        assertTrue(resumeAgain.stderr().contains("is not paused: running"), resumeAgain::toString);

        runc.ok("pause", "p1");
        runc.ok("delete", "--force", "p1");
        assertFalse(Files.exists(runc.root().resolve("p1")));
        assertEquals(List.of(), TestCgroups.named(group()), "a paused container deleted leaves no group");
    }

    /** runc's kill of a paused container: SIGKILL thaws it, so it dies now; others wait for resume. */
    @Test
    void killOfAPausedContainer() throws Exception {
        create("p2", "/" + TestCgroups.PARENT + "/" + group(), "{}", "sleep", "300");
        runc.ok("start", "p2");
        runc.ok("pause", "p2");
        runc.ok("kill", "p2", "TERM");
        Thread.sleep(300);
        assertEquals("paused", status("p2"), "SIGTERM waits for the thaw");
        runc.ok("kill", "--all", "p2", "KILL");
        Poll.until("it stopped", () -> status("p2").equals("stopped"));
        runc.ok("delete", "p2");
    }

    @Test
    void thePidsLimitStopsForksBeyondIt() throws Exception {
        create(
                "p3",
                "/" + TestCgroups.PARENT + "/" + group(),
                "{\"pids\": {\"limit\": 8}}",
                "sh",
                "-c",
                // The subshell ends at its first failed fork; the shell says so, then holds the container.
                "(i=0; while [ $i -lt 20 ]; do sleep 300 & i=$((i+1)); done) 2>&1; echo loop ended; exec sleep 300");
        Path pids = TestCgroups.group("pids", group());
        assertEquals("8", Files.readString(pids.resolve("pids.max")).strip());
        Path output = runc.lastStdout();
        runc.ok("start", "p3");
        Poll.until("the loop ended", () -> read(output).contains("loop ended"));
        long current =
                Long.parseLong(Files.readString(pids.resolve("pids.current")).strip());
        assertTrue(current <= 8, "no more than the limit: " + current);
        assertTrue(Files.readString(output).contains("can't fork"), () -> "fork failed inside: " + read(output));
        runc.ok("delete", "--force", "p3");
    }

    /**
     * A relative cgroupsPath: the levels its create made go at delete; one
     * that was there before (someone else's, here the test's own) stays.
     */
    @Test
    void aRelativeCgroupsPathsLevelsGoWithTheContainerAndOnlyThose() throws Exception {
        Path theirs = TestCgroups.group("memory", "theirs-" + dir.getFileName());
        Files.createDirectories(theirs);
        try {
            String made = TestCgroups.PARENT + "/" + group() + "/deep";
            create("p4", made + "/c", "{}", "true");
            Path deep = TestCgroups.group("memory", group()).resolve("deep");
            assertTrue(Files.isDirectory(deep.resolve("c")));
            runc.ok("delete", "p4");
            assertFalse(Files.exists(deep.getParent()), "the levels its create made are gone");

            create("p5", TestCgroups.PARENT + "/" + theirs.getFileName() + "/c", "{}", "true");
            runc.ok("delete", "p5");
            assertFalse(Files.exists(theirs.resolve("c")));
            assertTrue(Files.isDirectory(theirs), "a level that was there before stays");
            if (!V2) {
                assertFalse(
                        Files.exists(TestCgroups.group(
                                "freezer", theirs.getFileName().toString())),
                        "but the same level its create made in another hierarchy goes");
            }
        } finally {
            Files.deleteIfExists(theirs);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
