package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process.oomScoreAdj for real: the container's process and an exec'd one
 * read their own score in /proc/self/oom_score_adj, the host sees it on the
 * init; a score the kernel refuses (lower than the caller's, without
 * CAP_SYS_RESOURCE) fails create and exec with one line and leaves nothing.
 */
@Privileged
class RuntimeOomScoreIT {
    /** capabilities(7): the one that lets a process lower its OOM score. */
    private static final int CAP_SYS_RESOURCE = 24;

    private static final String PRINT = "cat /proc/self/oom_score_adj";

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "cat", "sleep");
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json running {@code script}, with {@code score} as process.oomScoreAdj (null: none given). */
    private void config(Integer score, String script) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        ArrayNode argv = process.putArray("args");
        List.of("sh", "-c", script).forEach(argv::add);
        process.remove("oomScoreAdj");
        if (score != null) {
            process.put("oomScoreAdj", score);
        }
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/" + TestCgroups.PARENT + "/o-" + dir.getFileName());
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    /** An exec --process file running {@code script}, with its own {@code score}. */
    private Path process(String name, int score, String script) throws IOException {
        ObjectNode process = Json.MAPPER.createObjectNode().put("cwd", "/").put("oomScoreAdj", score);
        ArrayNode argv = process.putArray("args");
        List.of("sh", "-c", script).forEach(argv::add);
        return Files.write(dir.resolve(name), Json.MAPPER.writeValueAsBytes(process));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String score(int pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).strip();
    }

    @Test
    void theProcessAndAnExecdOneHaveTheirScores() throws Exception {
        config(500, "echo adj=$(" + PRINT + ") end; exec sleep 300");
        runc.ok("create", "--bundle", bundle.toString(), "o1");
        Path output = runc.lastStdout();
        int pid =
                Json.MAPPER.readTree(runc.ok("state", "o1").stdout()).get("pid").asInt();
        assertEquals("500", score(pid), "init has it before start: set before any of its set-up");
        runc.ok("start", "o1");
        Poll.until("it printed its score", () -> read(output).contains("end"));
        assertTrue(read(output).contains("adj=500 end"), read(output));

        assertEquals(
                "700\n",
                runc.ok("exec", "--process", process("p.json", 700, PRINT).toString(), "o1")
                        .stdout(),
                "an exec'd process: its own");
        assertEquals("500\n", runc.ok("exec", "o1", "sh", "-c", PRINT).stdout(), "none given: the container's");
        assertEquals(
                "700\n",
                runc.ok(
                                "exec",
                                "--process",
                                process("child.json", 700, "sh -c '" + PRINT + "'")
                                        .toString(),
                                "o1")
                        .stdout(),
                "kept across fork and execve");
    }

    @Test
    void withoutOneTheScoreIsLeftAsInherited() throws Exception {
        config(null, "echo adj=$(" + PRINT + ") end");
        runc.ok("create", "--bundle", bundle.toString(), "o2");
        Path output = runc.lastStdout();
        runc.ok("start", "o2");
        Poll.until("it printed its score", () -> read(output).contains("end"));
        String own = Files.readString(Path.of("/proc/self/oom_score_adj")).strip();
        assertTrue(read(output).contains("adj=" + own + " end"), read(output));
    }

    /**
     * Lower than the caller's own: without CAP_SYS_RESOURCE (root here lacks
     * it) the kernel refuses, and so does the runtime, as runc: one line, exit
     * 125, no state, no cgroup, no process; an exec'd process likewise.
     */
    @Test
    void aScoreTheKernelRefusesFailsCreateAndExecWithOneLine() throws Exception {
        String capEff = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:"))
                .findFirst()
                .orElseThrow()
                .substring("CapEff:".length())
                .strip();
        assumeFalse(new BigInteger(capEff, 16).testBit(CAP_SYS_RESOURCE), "with CAP_SYS_RESOURCE any score is set");
        int own = Integer.parseInt(
                Files.readString(Path.of("/proc/self/oom_score_adj")).strip());
        assumeFalse(own == -1000, "nothing is lower than -1000");
        int lower = Math.max(-1000, own - 500);

        config(lower, "echo ran");
        Result refused = runc.run("create", "--bundle", bundle.toString(), "o3");
        assertEquals(125, refused.exitCode(), refused::toString);
        List<String> lines = refused.stderr().lines().toList();
        assertEquals(1, lines.size(), refused::toString);
        assertTrue(lines.get(0).contains("process.oomScoreAdj " + lower + " cannot be set: "), refused::toString);
        assertTrue(lines.get(0).contains("CAP_SYS_RESOURCE"), refused::toString);
        assertFalse(Files.exists(runc.root().resolve("o3")), "no state is left");
        assertEquals(List.of(), TestCgroups.left(), "its cgroup is removed");
        assertEquals("", refused.stdout(), "nothing of the container ran");

        config(null, "exec sleep 300");
        runc.ok("create", "--bundle", bundle.toString(), "o4");
        runc.ok("start", "o4");
        Result execRefused = runc.run(
                "exec", "--process", process("low.json", lower, "echo ran").toString(), "o4");
        assertEquals(125, execRefused.exitCode(), execRefused::toString);
        assertEquals(1, execRefused.stderr().lines().count(), execRefused::toString);
        assertTrue(
                execRefused.stderr().contains("process.oomScoreAdj " + lower + " cannot be set: "),
                execRefused::toString);
        assertEquals("", execRefused.stdout(), "the exec'd program did not run");
        assertEquals(
                1,
                Json.MAPPER
                        .readTree(runc.ok("ps", "--format", "json", "o4").stdout())
                        .size(),
                "the container's init only: the refused process is gone");
    }
}
