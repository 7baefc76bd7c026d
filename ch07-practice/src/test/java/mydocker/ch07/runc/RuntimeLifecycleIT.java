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
 * The runtime spec's lifecycle for real (book 7.4), as an engine drives
 * runc: create → created (set up, nothing of the user's run yet) → start →
 * running → stopped → delete, and nothing left on the host: no state, no
 * cgroup, no mount.
 */
@Privileged
class RuntimeLifecycleIT {
    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "echo", "cat", "sleep", "hostname", "ls", "id");
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json as the test wants it: {@code args}, in a cgroup under the test's own parent. */
    private void config(String... args) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ArrayNode argv = ((ObjectNode) config.get("process")).putArray("args");
        List.of(args).forEach(argv::add);
        ((ObjectNode) config.get("linux"))
                .put("cgroupsPath", "/" + TestCgroups.PARENT + "/" + "c-" + dir.getFileName());
        ((ObjectNode) config.get("linux"))
                .putObject("resources")
                .putObject("memory")
                .put("limit", 64L << 20);
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    private JsonNode state(String id) throws IOException {
        return Json.MAPPER.readTree(runc.ok("state", id).stdout());
    }

    /** The memory limit as the kernel holds it: memory.limit_in_bytes on v1, memory.max on v2. */
    private Path memoryLimit() {
        Path group = TestCgroups.group("memory", "c-" + dir.getFileName());
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        return group.resolve(v2 ? "memory.max" : "memory.limit_in_bytes");
    }

    @Test
    @Tag("cgroup")
    void aContainerGoesThroughTheSpecsLifecycle() throws Exception {
        config(
                "sh",
                "-c",
                "echo started as $(hostname) nofile $(ulimit -n) in $(cat /proc/self/cgroup | tr '\\n' ' '); exec sleep 300");
        Path pidFile = dir.resolve("init.pid");
        runc.ok("create", "--bundle", bundle.toString(), "--pid-file", pidFile.toString(), "c1");
        Path containerOutput = runc.lastStdout();

        JsonNode created = state("c1");
        assertEquals("created", created.get("status").asText());
        int pid = created.get("pid").asInt();
        assertEquals(Integer.toString(pid), Files.readString(pidFile), "the pid file names the init");
        assertEquals(bundle.toString(), created.get("bundle").asText());
        assertEquals("", Files.readString(containerOutput), "nothing of the user's has run before start");
        assertEquals(
                Integer.toString(64 << 20),
                Files.readString(memoryLimit()).strip(),
                "the cgroup is made, with its limit, at create");

        runc.ok("start", "c1");
        assertEquals("running", state("c1").get("status").asText());
        Poll.until("the process ran", () -> read(containerOutput).contains("started as mydocker"));
        assertTrue(read(containerOutput).contains(" nofile 1024 "), "process.rlimits: " + read(containerOutput));
        // As the host sees it: inside, a cgroup namespace (runc spec's on v2) shows the group as "/".
        String cgroup = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
        assertTrue(
                cgroup.contains("/" + TestCgroups.PARENT + "/c-" + dir.getFileName()),
                "it runs in its cgroup: " + cgroup);

        assertEquals("[" + pid + "]\n", runc.ok("ps", "--format", "json", "c1").stdout(), "ps: its processes");
        List<String> table = runc.ok("ps", "c1").stdout().lines().toList();
        assertEquals(2, table.size(), table::toString);
        assertTrue(table.get(0).contains("PID") && table.get(1).contains("sleep 300"), table::toString);

        Result refused = runc.run("delete", "c1");
        assertNotEquals(0, refused.exitCode());
        assertTrue(
                refused.stderr().contains("cannot delete container c1 that is not stopped: running"),
                refused::toString);

        runc.ok("kill", "c1", "KILL");
        Poll.until("it stopped", () -> status("c1").equals("stopped"));
        assertEquals(0, state("c1").get("pid").asInt());
        runc.ok("delete", "c1");
        assertFalse(Files.exists(runc.root().resolve("c1")), "its state is gone");
    }

    /**
     * {@code exec}: a process in the running container (its PID namespace, its
     * cgroup, its working directory), from the command line or a --process
     * file, attached (its exit code) or detached (its pid in --pid-file).
     */
    @Test
    void execRunsAnotherProcessInTheRunningContainer() throws Exception {
        config("sleep", "300");
        runc.ok("create", "--bundle", bundle.toString(), "c6");
        runc.ok("start", "c6");
        Result attached =
                runc.run("exec", "--cwd", "/bin", "c6", "sh", "-c", "echo $(pwd) pid1=$(cat /proc/1/comm); exit 5");
        assertEquals(5, attached.exitCode(), attached::toString);
        assertEquals("/bin pid1=sleep\n", attached.stdout(), attached::toString);

        Path process = dir.resolve("process.json");
        Files.writeString(process, "{\"args\": [\"sleep\", \"100\"], \"cwd\": \"/\"}");
        Path pidFile = dir.resolve("exec.pid");
        runc.ok("exec", "--process", process.toString(), "--detach", "--pid-file", pidFile.toString(), "c6");
        String cgroups = Files.readString(Path.of("/proc/" + Files.readString(pidFile) + "/cgroup"));
        assertTrue(
                cgroups.contains(TestCgroups.PARENT + "/c-" + dir.getFileName()),
                "in the container's cgroup: " + cgroups);

        Files.writeString(
                process,
                "{\"args\": [\"sh\", \"-c\", \"ulimit -n\"], \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"hard\": 512, \"soft\": 512}]}");
        assertEquals(
                "512\n", runc.ok("exec", "--process", process.toString(), "c6").stdout(), "the process's rlimits");
        Files.writeString(process, "{\"args\": []}");
        Result empty = runc.run("exec", "--process", process.toString(), "c6");
        assertEquals("mydocker: " + process + ": process.args must name a program\n", empty.stderr());
        runc.ok("kill", "c6", "KILL");
        Poll.until("it stopped", () -> status("c6").equals("stopped"));
        Result stopped = runc.run("exec", "c6", "true");
        assertTrue(stopped.stderr().contains("cannot exec in a container that is not running"), stopped::toString);
    }

    /** A created container that is deleted never runs anything: its init is killed where it waits. */
    @Test
    void deletingACreatedContainerKillsItsWaitingInit() throws Exception {
        config("sh", "-c", "echo should not run");
        runc.ok("create", "--bundle", bundle.toString(), "c2");
        Path containerOutput = runc.lastStdout();
        int pid = state("c2").get("pid").asInt();
        String startTime = InitProcess.of(pid).startTime();
        runc.ok("delete", "c2");
        assertFalse(new InitProcess(pid, startTime).alive(), "its init is gone (a zombie until PID 1 reaps it)");
        assertEquals("", read(containerOutput));
    }

    /**
     * Without a PID namespace of its own (a pod's containers share the
     * sandbox's, or the host's), a container's init can exit and leave its
     * children running in its cgroup. containerd's shim then sends
     * {@code kill --all ID KILL} to the stopped container (book 7.6, critest's
     * HostPID and PodPID pods): runc signals what is left in the group, and so
     * must we, or they outlive the pod.
     */
    @Test
    void killAllReachesWhatAStoppedInitLeftInItsCgroup() throws Exception {
        config("sh", "-c", "sleep 300 & echo $!");
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ArrayNode namespaces = (ArrayNode) config.get("linux").get("namespaces");
        namespaces.removeIf(ns -> ns.get("type").asText().equals("pid"));
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
        runc.ok("create", "--bundle", bundle.toString(), "c7");
        Path containerOutput = runc.lastStdout();
        runc.ok("start", "c7");
        Poll.until("the init ended", () -> status("c7").equals("stopped"));
        Poll.until("it told its child's pid", () -> !read(containerOutput).isBlank());
        InitProcess child =
                InitProcess.of(Integer.parseInt(read(containerOutput).strip()));
        assertTrue(child.alive(), "the child outlives the init");

        runc.ok("kill", "--all", "c7", "KILL");
        Poll.until("the child is killed", () -> !child.alive());
        Result killStopped = runc.run("kill", "c7", "KILL");
        assertTrue(killStopped.stderr().contains("container not running"), "without --all: " + killStopped);
        runc.ok("delete", "c7");
    }

    @Test
    void startAfterStopAndASecondCreateOfOneIdAreRefused() throws Exception {
        config("true");
        runc.ok("create", "--bundle", bundle.toString(), "c3");
        Result again = runc.run("create", "--bundle", bundle.toString(), "c3");
        assertNotEquals(0, again.exitCode());
        assertTrue(again.stderr().contains("container with id exists: c3"), again::toString);
        runc.ok("start", "c3");
        Poll.until("it ended", () -> status("c3").equals("stopped"));
        Result restart = runc.run("start", "c3");
        assertTrue(restart.stderr().contains("cannot start a container that has stopped"), restart::toString);
        Result killStopped = runc.run("kill", "c3", "TERM");
        assertTrue(killStopped.stderr().contains("container not running"), killStopped::toString);
    }

    /**
     * A config.json that is refused, or a set-up that fails inside init (a mount
     * of a filesystem that does not exist): one line naming it, on stderr and in
     * --log as runc writes it, and nothing of the container left.
     */
    @Test
    void aFailedCreateSaysWhyAndLeavesNothing() throws Exception {
        config("true");
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ((ArrayNode) config.get("mounts"))
                .addObject()
                .put("destination", "/x")
                .put("type", "nosuchfs")
                .put("source", "x");
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
        Path log = dir.resolve("log.json");

        Result failed = runc.run(
                "--log", log.toString(), "--log-format", "json", "create", "--bundle", bundle.toString(), "c4");
        assertEquals(125, failed.exitCode(), failed::toString);
        assertTrue(failed.stderr().contains("nosuchfs"), failed::toString);
        JsonNode logged =
                Json.MAPPER.readTree(Files.readString(log).lines().findFirst().orElseThrow());
        assertEquals("error", logged.get("level").asText());
        assertTrue(logged.get("msg").asText().contains("nosuchfs"), logged::toString);
        assertFalse(Files.exists(runc.root().resolve("c4")), "no state left");

        config.remove("process");
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
        Result refused = runc.run("create", "--bundle", bundle.toString(), "c5");
        assertEquals("mydocker: config.json: process is missing\n", refused.stderr());
        Result badId = runc.run("create", "--bundle", bundle.toString(), "../escape");
        assertTrue(badId.stderr().startsWith("mydocker: invalid container ID '../escape'"), badId::toString);
        assertFalse(Files.exists(runc.root().getParent().resolve("escape")));
    }

    private String status(String id) {
        try {
            return state(id).get("status").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
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
