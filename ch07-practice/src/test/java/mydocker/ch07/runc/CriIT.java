package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.ch04.image.Json;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Book 7.6 for real, as the kubelet would drive it: containerd's CRI plugin
 * ({@code scripts/cri-containerd.sh up}, on the test's own paths, bridge and
 * subnet) runs a pod through this runtime as its default RuntimeClass
 * handler, and {@code crictl} — Kubernetes' CRI client — is the kubelet.
 * The pod is examples/cri's: a server and a client container that share the
 * pod sandbox's namespaces (the pause container's). The handler's binary is
 * a wrapper that records each call, then runs ./mydocker-runc: what the
 * containerd shim asks of a runtime, in order.
 */
@Privileged
@ExtendWith(RestoresIpForward.class)
class CriIT {
    private static final Path REPO = EngineCli.RUNTIME.getParent();
    private static final Path EXAMPLE = REPO.resolve("examples/cri");
    private static final Path SCRIPT = REPO.resolve("scripts/cri-containerd.sh");

    @TempDir
    static Path dir;

    private static Path cri;
    private static Path calls;

    @BeforeAll
    static void containerdWithTheCriPlugin() throws Exception {
        Path crictl = crictlBinary();
        assertTrue(Files.isExecutable(crictl), crictl + " is missing: run ./scripts/cri-tools.sh (it builds it once)");
        cri = dir.resolve("cri");
        calls = dir.resolve("calls");
        Path handler = dir.resolve("mydocker-runc");
        Files.writeString(handler, "#!/bin/sh\necho \"$*\" >>" + calls + "\nexec " + EngineCli.RUNTIME + " \"$@\"\n");
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwxr-xr-x"));
        script(Map.of("CRI_RUNTIME_BINARY", handler.toString()), "up");
    }

    @AfterAll
    static void downLeavesNothing() throws Exception {
        if (cri != null && Files.exists(cri)) {
            script(Map.of(), "down");
        }
        assertTrue(!Files.exists(cri), "down removes its directory");
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private static Path crictlBinary() {
        return Path.of(mydocker.syscall.Host.run(
                                REPO.resolve("scripts/cri-tools.sh").toString(), "--print-dir")
                        .strip())
                .resolve("crictl");
    }

    private static void script(Map<String, String> env, String verb) throws Exception {
        Result r = run(env, verb, cri);
        assertEquals(0, r.exitCode(), () -> "cri-containerd.sh " + verb + " failed:\n" + r);
    }

    private static Result run(Map<String, String> env, String verb, Path where) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), verb, where.toString());
        pb.environment().put("CRI_BRIDGE", "mdcrit0");
        pb.environment().put("CRI_SUBNET", "172.29.232.0/24");
        pb.environment().putAll(env);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = readAll(p.getInputStream());
        return new Result(p.waitFor(), out, err.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Settings that would make a broken config are refused before anything is made, in one line each. */
    @Test
    void badSettingsAreRefusedWithOneLine() throws Exception {
        Path where = dir.resolve("refused");
        for (Map<String, String> bad : List.of(
                Map.of("CRI_SUBNET", "172.29.232.0"),
                Map.of("CRI_BRIDGE", "a-name-longer-than-15"),
                Map.of("CRI_BRIDGE", "x\"; rm -rf /"),
                Map.of("CRI_RUNTIME", "crun"),
                Map.of("CRI_REGISTRY", "registry.example:5000"))) {
            Result r = run(bad, "up", where);
            assertEquals(2, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
            assertTrue(!Files.exists(where), () -> bad + " left " + where);
        }
        // down removes a directory only if up marked it as its own: a look-alike stays whole.
        Path lookAlike = Files.createDirectories(dir.resolve("look-alike"));
        Files.writeString(lookAlike.resolve("bridge"), "mdcrit0\n");
        Result notOurs = run(Map.of(), "down", lookAlike);
        assertEquals(2, notOurs.exitCode(), notOurs::toString);
        assertTrue(notOurs.stderr().contains("was not made by"), notOurs::toString);
        assertTrue(Files.exists(lookAlike.resolve("bridge")), "nothing removed");
    }

    /** containerd that cannot start: up says so, shows its log, and takes down all it had made. */
    @Test
    void anUpThatFailsTakesDownWhatItMade() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        Path containerd = bin.resolve("containerd");
        Files.writeString(containerd, "#!/bin/sh\necho 'fake containerd: no start today' >&2\nexit 1\n");
        Files.setPosixFilePermissions(containerd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path where = dir.resolve("failed");
        Result r = run(Map.of("PATH", bin + ":" + System.getenv("PATH"), "CRI_BRIDGE", "mdcritf0"), "up", where);
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no start today"), r::toString);
        assertTrue(!Files.exists(where), "up's directory is gone");
        assertEquals("", mydocker.syscall.Host.run("sh", "-c", "ip -o link show mdcritf0 2>/dev/null || true"));
    }

    private static EngineCli crictl() {
        return new EngineCli(List.of(
                crictlBinary().toString(),
                "--config",
                cri.resolve("crictl.yaml").toString()));
    }

    /** examples/cri/pod.json, its logs and cgroups in the test's own places. */
    private static Path podConfig() throws Exception {
        ObjectNode pod =
                (ObjectNode) Json.MAPPER.readTree(EXAMPLE.resolve("pod.json").toFile());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        pod.put("log_directory", logs.toString());
        ((ObjectNode) pod.get("linux")).put("cgroup_parent", "/" + TestCgroups.PARENT);
        Path file = dir.resolve("pod.json");
        Json.MAPPER.writeValue(file.toFile(), pod);
        return file;
    }

    @Test
    void aPodOfTwoContainersRunsThroughThisRuntimeAndGoesWithoutATrace() throws Exception {
        Path pod = podConfig();
        String podId = crictl().ok("runp", pod.toString()).stdout().strip();
        String server = crictl().ok(
                        "create", podId, EXAMPLE.resolve("server.json").toString(), pod.toString())
                .stdout()
                .strip();
        crictl().ok("start", server);
        String client = crictl().ok(
                        "create", podId, EXAMPLE.resolve("client.json").toString(), pod.toString())
                .stdout()
                .strip();
        crictl().ok("start", client);

        // The client reached the server on the pod's own loopback: one network namespace.
        Poll.until(
                "the client's page in crictl logs",
                () -> crictl().run("logs", client).stdout().contains("hello from hello"));
        assertTrue(crictl().ok("logs", server).stdout().contains("serving on 127.0.0.1:8080"));

        // exec: a process in the running container, its output and exit code passed back to crictl
        // (which exits 1 and names the code, as kubectl exec does).
        Result exec = crictl().run("exec", client, "sh", "-c", "echo $(hostname) $(cat /proc/1/comm); exit 3");
        assertTrue(exec.stderr().contains("command terminated with exit code 3"), exec::toString);
        assertEquals("hello pause\n", exec.stdout(), exec::toString); // the pod's UTS and PID namespaces
        String clientNet =
                crictl().ok("exec", client, "readlink", "/proc/self/ns/net").stdout();
        assertEquals(
                clientNet,
                crictl().ok("exec", server, "readlink", "/proc/self/ns/net").stdout());

        // Every container of the pod is in a cgroup under the pod's parent.
        assertEquals(
                3,
                TestCgroups.left().stream().map(Path::getFileName).distinct().count(),
                () -> "" + TestCgroups.left());

        crictl().ok("stopp", podId);
        crictl().ok("rmp", podId);
        assertEquals("", crictl().ok("pods", "-q").stdout());
        assertEquals(List.of(), TestCgroups.left(), "the pod's cgroups");
        assertEquals(List.of(), leases(), "CNI's address leases");
        assertEquals("", mydocker.syscall.Host.run("sh", "-c", "grep ' " + cri + "/' /proc/self/mountinfo || true"));

        // The shim called this runtime for the sandbox and each container, as it calls runc.
        List<String> verbs = verbs();
        for (String verb : List.of("create", "start", "exec", "kill", "delete")) {
            assertTrue(verbs.contains(verb), () -> verb + " was not called: " + verbs);
        }
        assertEquals(3, verbs.stream().filter("create"::equals).count(), verbs::toString);
    }

    /** The leases host-local keeps in the directory the test gave it: an address per running pod. */
    private static List<Path> leases() throws Exception {
        Path leases = cri.resolve("cni-leases/mydocker-cri");
        if (!Files.isDirectory(leases)) {
            return List.of();
        }
        try (var files = Files.list(leases)) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9.]+"))
                    .toList();
        }
    }

    /** The runtime's command of each recorded call (runc's global flags come first). */
    private static List<String> verbs() throws Exception {
        List<String> verbs = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            String[] words = line.split(" ");
            for (int i = 0; i < words.length; i++) {
                if (!words[i].startsWith("--")) {
                    verbs.add(words[i]);
                    break;
                }
                if (!words[i].contains("=") && !words[i].equals("--systemd-cgroup") && !words[i].equals("--debug")) {
                    i++; // the flag's value
                }
            }
        }
        return verbs;
    }
}
