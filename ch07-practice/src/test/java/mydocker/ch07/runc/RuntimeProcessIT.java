package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mydocker.ch04.image.Json;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.MountSpec;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's process as config.json describes it, for real: its user
 * (uid, gid, groups, umask, HOME), its namespaced sysctls — and a host
 * setting refused, the host's value unchanged — and what {@code features}
 * and {@code list} print.
 */
@Privileged
class RuntimeProcessIT {
    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "cat", "sleep", "id", "grep");
        bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs/etc"));
        Files.writeString(
                bundle.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json with {@code args}, in a cgroup under the test's parent, changed by {@code change}. */
    private void config(Consumer<ObjectNode> change, String... args) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ArrayNode argv = ((ObjectNode) config.get("process")).putArray("args");
        List.of(args).forEach(argv::add);
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/" + TestCgroups.PARENT + "/c-" + dir.getFileName());
        change.accept(config);
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    /** create and start {@code id}; its output, once it has printed {@code until}. */
    private String run(String id, String until) throws IOException {
        runc.ok("create", "--bundle", bundle.toString(), id);
        Path output = runc.lastStdout();
        runc.ok("start", id);
        Poll.until("it printed " + until, () -> read(output).contains(until));
        return read(output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hook that appends "KIND STATE-ON-STDIN" to {@code log}. */
    private static void hook(ObjectNode hooks, String kind, Path log) {
        ObjectNode hook = hooks.withArray(kind).addObject().put("path", "/bin/sh");
        hook.putArray("args").add("sh").add("-c").add("echo " + kind + " $(cat) >> " + log);
        hook.putArray("env").add("PATH=/usr/bin:/bin");
    }

    /**
     * prestart and createRuntime at create, poststart after start, poststop
     * after delete, in that order, each with the container's state on stdin.
     */
    @Test
    void hooksRunInOrderWithTheStateOnStdin() throws Exception {
        Path log = dir.resolve("hooks.log");
        config(
                c -> {
                    ObjectNode hooks = c.putObject("hooks");
                    for (String kind : List.of("prestart", "createRuntime", "poststart", "poststop")) {
                        hook(hooks, kind, log);
                    }
                },
                "sleep",
                "300");
        runc.ok("create", "--bundle", bundle.toString(), "k1");
        int pid = state("k1").get("pid").asInt();
        List<String> created = Files.readAllLines(log);
        assertEquals(2, created.size(), created::toString);
        assertTrue(created.get(0).startsWith("prestart {"), created::toString);
        assertTrue(created.get(1).startsWith("createRuntime {"), created::toString);
        JsonNode creating = Json.MAPPER.readTree(created.get(0).substring("prestart ".length()));
        assertEquals("k1", creating.get("id").asText());
        assertEquals("created", creating.get("status").asText(), "prestart's, as the validation suite asks");
        JsonNode createRuntime = Json.MAPPER.readTree(created.get(1).substring("createRuntime ".length()));
        assertEquals("creating", createRuntime.get("status").asText());
        assertEquals(pid, creating.get("pid").asInt());
        assertEquals(bundle.toString(), creating.get("bundle").asText());

        runc.ok("start", "k1");
        List<String> started = Files.readAllLines(log);
        assertEquals(3, started.size(), started::toString);
        JsonNode running = Json.MAPPER.readTree(started.get(2).substring("poststart ".length()));
        assertEquals("running", running.get("status").asText());
        assertEquals(pid, running.get("pid").asInt(), "poststart: the init's pid");

        runc.ok("delete", "--force", "k1");
        List<String> deleted = Files.readAllLines(log);
        assertEquals(4, deleted.size(), deleted::toString);
        assertTrue(deleted.get(3).startsWith("poststop {"), deleted::toString);
    }

    /** A prestart hook that fails fails the create, which leaves nothing: no state, no process, no cgroup. */
    @Test
    void aFailingPrestartHookLeavesNoContainer() throws Exception {
        Path log = dir.resolve("hooks.log");
        config(
                c -> {
                    ObjectNode hooks = c.putObject("hooks");
                    hooks.withArray("prestart").addObject().put("path", "/bin/false");
                    hook(hooks, "createRuntime", log);
                },
                "sleep",
                "300");
        Result failed = runc.run("create", "--bundle", bundle.toString(), "f1");
        assertEquals(125, failed.exitCode(), failed::toString);
        assertTrue(failed.stderr().contains("hook /bin/false exited 1"), failed::toString);
        assertFalse(Files.exists(runc.root().resolve("f1")), "no state is left");
        assertFalse(Files.exists(log), "the hooks after the failed one do not run");
        assertEquals(List.of(), TestCgroups.left(), "its cgroup is removed");

        config(c -> c.putObject("hooks").withArray("prestart").addObject().put("path", "false"), "true");
        assertTrue(
                runc.run("create", "--bundle", bundle.toString(), "f2").stderr().contains("must be absolute"));
        config(c -> hook(c.putObject("hooks"), "startContainer", log), "true");
        assertTrue(runc.run("create", "--bundle", bundle.toString(), "f3")
                .stderr()
                .contains("hooks.startContainer is not supported yet"));
    }

    private JsonNode state(String id) throws IOException {
        return Json.MAPPER.readTree(runc.ok("state", id).stdout());
    }

    @Test
    void theProcessRunsAsItsUserWithItsGroupsUmaskAndHome() throws Exception {
        config(
                c -> {
                    ObjectNode user = ((ObjectNode) c.get("process")).putObject("user");
                    user.put("uid", 1000).put("gid", 1001).put("umask", 027);
                    user.putArray("additionalGids").add(10).add(4294967294L);
                },
                "sh",
                "-c",
                "echo $(id) home=$HOME umask=$(umask) null=$(echo x 2>&1 >/dev/null && echo writable) end; exec sleep 300");
        String out = run("u1", "end");
        assertTrue(out.contains("uid=1000(u) gid=1001 groups=10,4294967294 "), out);
        assertTrue(out.contains("home=/home/u umask=0027 null=writable end"), out);

        Result exec = runc.run("exec", "--user", "1234:55", "-g", "7", "u1", "sh", "-c", "echo $(id) home=$HOME");
        assertEquals("uid=1234 gid=55 groups=7 home=/\n", exec.stdout(), exec::toString);
        Path process = Files.writeString(
                dir.resolve("process.json"),
                "{\"args\":[\"id\"],\"cwd\":\"/\",\"user\":{\"uid\":1000,\"gid\":1000,\"additionalGids\":[3]}}");
        assertEquals(
                "uid=1000(u) gid=1000 groups=3\n",
                runc.ok("exec", "--process", process.toString(), "u1").stdout());
        assertEquals("uid=0(root) gid=0\n", runc.ok("exec", "u1", "id").stdout(), "exec's default is root");
        Result refused = runc.run("exec", "--user", "root", "u1", "id");
        assertEquals(125, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("--user root: an ID must be a number"), refused::toString);
    }

    /** runc spec's default, true, reaches the process and an exec'd one; false leaves the flag off. */
    @Test
    void noNewPrivilegesIsSetAsTheConfigSays() throws Exception {
        String flag = "grep NoNewPrivs /proc/self/status";
        config(c -> {}, "sh", "-c", "echo $(" + flag + ") end; exec sleep 300");
        assertTrue(run("n1", "end").contains("NoNewPrivs: 1 end"), "spec's default");
        Path process = Files.writeString(
                dir.resolve("nnp.json"),
                "{\"args\":[\"sh\",\"-c\",\"" + flag + "\"],\"cwd\":\"/\",\"noNewPrivileges\":true}");
        assertEquals(
                "NoNewPrivs:\t1\n",
                runc.ok("exec", "--process", process.toString(), "n1").stdout());
        assertEquals(
                "NoNewPrivs:\t0\n",
                runc.ok("exec", "n1", "sh", "-c", flag).stdout(),
                "an exec'd process without it: the container's init has it, this one is not its child");

        config(
                c -> ((ObjectNode) c.get("process")).put("noNewPrivileges", false),
                "sh",
                "-c",
                "echo $(" + flag + ") end");
        assertTrue(run("n2", "end").contains("NoNewPrivs: 0 end"), "false leaves it off");
    }

    @Test
    void aNamespacedSysctlTakesEffectInsideOnly() throws Exception {
        String hostTtl =
                Files.readString(Path.of("/proc/sys/net/ipv4/ip_default_ttl")).strip();
        String hostShmmni = Files.readString(Path.of("/proc/sys/kernel/shmmni")).strip();
        String ttl = hostTtl.equals("99") ? "98" : "99";
        config(
                c -> ((ObjectNode) c.get("linux"))
                        .putObject("sysctl")
                        .put("net.ipv4.ip_default_ttl", ttl)
                        .put("kernel/shmmni", "1234"),
                "sh",
                "-c",
                "echo ttl=$(cat /proc/sys/net/ipv4/ip_default_ttl) shmmni=$(cat /proc/sys/kernel/shmmni) end");
        String out = run("s1", "end");
        assertTrue(out.contains("ttl=" + ttl + " shmmni=1234 end"), out);
        assertEquals(
                hostTtl,
                Files.readString(Path.of("/proc/sys/net/ipv4/ip_default_ttl")).strip());
        assertEquals(
                hostShmmni, Files.readString(Path.of("/proc/sys/kernel/shmmni")).strip());
    }

    /** A key that is the whole machine's is refused at create, by name: no container, the host's value as it was. */
    @Test
    void theHostsKernelSettingsAreRefused() throws Exception {
        for (Map.Entry<String, Path> key : Map.of(
                        "vm.swappiness", Path.of("/proc/sys/vm/swappiness"),
                        "kernel.core_pattern", Path.of("/proc/sys/kernel/core_pattern"),
                        "net/../vm/swappiness", Path.of("/proc/sys/vm/swappiness"))
                .entrySet()) {
            String before = Files.readString(key.getValue());
            config(c -> ((ObjectNode) c.get("linux")).putObject("sysctl").put(key.getKey(), "7"), "true");
            Result refused = runc.run("create", "--bundle", bundle.toString(), "h1");
            assertEquals(125, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("linux.sysctl key '" + key.getKey() + "'"), refused::toString);
            assertFalse(Files.exists(runc.root().resolve("h1")), "no container is left");
            assertEquals(before, Files.readString(key.getValue()), key.getKey() + " on the host");
        }
        // net.* in the host's network namespace (none made for it) would be the host's too.
        config(
                c -> {
                    c.remove("hostname");
                    ArrayNode namespaces = ((ObjectNode) c.get("linux")).putArray("namespaces");
                    namespaces.addObject().put("type", "mount");
                    namespaces.addObject().put("type", "pid");
                    ((ObjectNode) c.get("linux")).putObject("sysctl").put("net.ipv4.ip_default_ttl", "7");
                },
                "true");
        Result refused = runc.run("create", "--bundle", bundle.toString(), "h2");
        assertTrue(refused.stderr().contains("needs the container's own net namespace"), refused::toString);
    }

    @Test
    void featuresSaysWhatTheBundleAccepts() throws Exception {
        JsonNode features = Json.MAPPER.readTree(runc.ok("features").stdout());
        assertEquals(Bundle.SPEC_VERSION, features.get("ociVersionMax").asText());
        assertEquals(
                Bundle.namespaceTypes().stream().sorted().toList(),
                Json.MAPPER.convertValue(features.at("/linux/namespaces"), List.class));
        assertEquals(
                List.copyOf(MountSpec.optionNames()),
                Json.MAPPER.convertValue(features.get("mountOptions"), List.class));
        assertEquals(41, features.at("/linux/capabilities").size(), "CAP_CHOWN to CAP_CHECKPOINT_RESTORE");
        assertEquals("CAP_SYS_ADMIN", features.at("/linux/capabilities/21").asText());
        assertTrue(features.at("/linux/seccomp/enabled").asBoolean(false), "RuntimeSeccompIT checks its lists");
    }

    @Test
    void listShowsEachContainerWithItsStatus() throws Exception {
        config(c -> {}, "sleep", "300");
        runc.ok("create", "--bundle", bundle.toString(), "l1");
        runc.ok("create", "--bundle", bundle.toString(), "l2");
        runc.ok("start", "l2");
        Files.createDirectories(runc.root().resolve("not-a-container"));

        assertEquals("l1\nl2\n", runc.ok("list", "-q").stdout());
        JsonNode json = Json.MAPPER.readTree(runc.ok("list", "--format", "json").stdout());
        assertEquals(2, json.size(), json::toString);
        assertEquals("created", json.get(0).get("status").asText());
        assertEquals("running", json.get(1).get("status").asText());
        assertEquals(bundle.toString(), json.get(1).get("bundle").asText());
        assertEquals("root", json.get(1).get("owner").asText());
        List<String> table = runc.ok("list").stdout().lines().toList();
        assertEquals(
                List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"),
                List.of(table.get(0).split("\\s+")));
        String[] l2 = table.get(2).split("\\s+");
        assertEquals(
                List.of("l2", json.get(1).get("pid").asText(), "running", bundle.toString()),
                List.of(l2).subList(0, 4));
        Files.delete(runc.root().resolve("not-a-container"));
    }
}
