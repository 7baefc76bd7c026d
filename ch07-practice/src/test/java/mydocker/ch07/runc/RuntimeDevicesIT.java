package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch04.image.Json;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device cgroup and the cgroup namespace as a lab, each attack tried
 * once without the protection (it works) and once with it (it is stopped):
 * a root inside makes a node of a device it was not given (/dev/kmsg's c 1:11
 * here: the kernel's log, harmless to read) and reads it; a container writes
 * its own pids limit under /sys/fs/cgroup; a container reads where its group
 * sits on the host. On v1 the device cgroup is the devices controller's
 * files, on v2 an eBPF program: the same test runs on both (the v2 guest).
 * The groups are under the test JVM's parent, and none is left.
 */
@Privileged
@Tag("cgroup")
class RuntimeDevicesIT {
    private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    /** mknod of c 1:11 and a read of it; "read 1" when it was read. */
    private static final String READ_KMSG =
            "mknod /dev/k c 1 11 && head -c 1 /dev/k >/dev/null && echo read $?; echo done";

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;
    private ObjectNode config;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "echo", "sleep", "mknod", "head", "cat");
        bundle = dir.resolve("bundle");
        config = (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ((ObjectNode) config.get("root")).put("readonly", false);
        // Every capability (CAP_MKNOD too): only the device cgroup stands between the container and a device.
        ((ObjectNode) config.get("process")).remove("capabilities");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private String group() {
        return "d-" + dir.getFileName();
    }

    /** config.json with {@code args} and {@code devices} (linux.resources.devices); create. */
    private void create(String id, String devices, String... args) throws IOException {
        ArrayNode argv = ((ObjectNode) config.get("process")).putArray("args");
        List.of(args).forEach(argv::add);
        ObjectNode linux = (ObjectNode) config.get("linux");
        linux.put("cgroupsPath", "/" + TestCgroups.PARENT + "/" + group());
        ((ObjectNode) linux.get("resources")).set("devices", Json.MAPPER.readTree(devices));
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
        runc.ok("create", "--bundle", bundle.toString(), id);
    }

    /** Runs {@code script} in container {@code id} to its end; its output. */
    private String run(String id, String devices, String script) throws IOException {
        create(id, devices, "sh", "-c", "exec 2>&1; " + script);
        Path out = runc.lastStdout();
        runc.ok("start", id);
        Poll.until(id + " ended", () -> read(out).contains("done"));
        runc.ok("delete", "--force", id);
        return read(out);
    }

    @Test
    void aDeviceTheRulesDoNotAllowCannotBeRead() throws IOException {
        String allowed = run("k1", "[{\"allow\": true, \"access\": \"rwm\"}]", READ_KMSG);
        assertTrue(allowed.contains("read 0"), () -> "every device allowed: the attack works: " + allowed);

        String denied = run("k2", "[{\"allow\": false, \"access\": \"rwm\"}]", READ_KMSG);
        assertFalse(denied.contains("read 0"), denied);
        assertTrue(denied.contains("Operation not permitted"), () -> "runc spec's deny-all stops it: " + denied);

        String given = run(
                "k3",
                "[{\"allow\": false, \"access\": \"rwm\"},"
                        + " {\"allow\": true, \"type\": \"c\", \"major\": 1, \"minor\": 11, \"access\": \"r\"}]",
                READ_KMSG);
        assertTrue(given.contains("read 0"), () -> "a rule that allows it: " + given);
    }

    @Test
    void theDefaultNodesStillWorkUnderDenyAll() throws IOException {
        String out = run(
                "n1",
                "[{\"allow\": false, \"access\": \"rwm\"}]",
                // In subshells: a redirect that fails on ':' ends a POSIX shell (here /dev/tty's).
                "for d in null zero full random urandom ptmx tty; do (: </dev/$d) && (: >/dev/$d) && echo ok $d; done;"
                        + " echo done");
        for (String device : List.of("null", "zero", "full", "random", "urandom", "ptmx")) {
            assertTrue(out.contains("ok " + device), () -> device + ": " + out);
        }
        // Without a controlling terminal /dev/tty is ENXIO; what matters is that the cgroup lets it through.
        assertFalse(out.contains("Operation not permitted"), out);
    }

    @Test
    void onV1TheGroupListsTheRulesInOrderAndGoesAtDelete() throws IOException {
        create(
                "l1",
                "[{\"allow\": false, \"access\": \"rwm\"},"
                        + " {\"allow\": true, \"type\": \"c\", \"major\": 10, \"minor\": 229, \"access\": \"rwm\"},"
                        + " {\"allow\": true, \"type\": \"b\", \"major\": 8, \"minor\": 20, \"access\": \"rw\"}]",
                "true");
        if (!V2) {
            List<String> list =
                    Files.readAllLines(TestCgroups.group("devices", group()).resolve("devices.list"));
            assertEquals(List.of("c 10:229 rwm", "b 8:20 rw", "c *:* m"), list.subList(0, 3));
        }
        runc.ok("delete", "--force", "l1");
        assertEquals(List.of(), TestCgroups.named(group()), "no devices group (or any) left");
    }

    @Test
    void aCgroupNamespaceHidesWhereTheGroupIsAndExecSeesTheSame() throws IOException {
        ArrayNode namespaces = (ArrayNode) config.get("linux").get("namespaces");
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (namespaces.get(i).get("type").asText().equals("cgroup")) {
                namespaces.remove(i); // runc spec's on v2
            }
        }
        String host = run("c1", "[]", "cat /proc/self/cgroup; echo done");
        assertTrue(host.contains("/" + group()), () -> "without a cgroup namespace: " + host);

        namespaces.addObject().put("type", "cgroup");
        create("c2", "[]", "sh", "-c", "cat /proc/self/cgroup; exec sleep 300");
        Path out = runc.lastStdout();
        runc.ok("start", "c2");
        Poll.until("it printed", () -> read(out).contains("0::"));
        String inside = read(out);
        assertFalse(inside.contains(group()), inside);
        assertTrue(inside.lines().allMatch(l -> l.endsWith(":/")), () -> "every group is its root: " + inside);
        String exec = runc.ok("exec", "c2", "cat", "/proc/self/cgroup").stdout();
        assertTrue(exec.lines().allMatch(l -> l.endsWith(":/")), () -> "exec enters it too: " + exec);
        runc.ok("delete", "--force", "c2");
    }

    @Test
    void aContainerCannotWriteItsOwnLimitThroughAReadOnlyCgroupMount() throws IOException {
        Path pidsMax = TestCgroups.group("pids", group()).resolve("pids.max");
        String raise = "for f in /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max; do"
                + " [ -e $f ] && echo 7 > $f && echo wrote; done; echo done";
        // Without "ro" on the cgroup mount the container writes its own limit; it shows on the host.
        ArrayNode mounts = (ArrayNode) config.get("mounts");
        ObjectNode cgroupMount = (ObjectNode) mounts.get(mounts.size() - 1);
        assertEquals("/sys/fs/cgroup", cgroupMount.get("destination").asText());
        ArrayNode options = cgroupMount.putArray("options");
        List.of("nosuid", "noexec", "nodev").forEach(options::add);
        create("w1", "[]", "sh", "-c", "exec 2>&1; " + raise);
        Path out = runc.lastStdout();
        runc.ok("start", "w1");
        Poll.until("w1 ended", () -> read(out).contains("done"));
        assertTrue(read(out).contains("wrote"), () -> "a read-write cgroup mount: the attack works: " + read(out));
        assertEquals("7", Files.readString(pidsMax).strip());
        runc.ok("delete", "--force", "w1");

        options.add("ro"); // runc spec's
        create("w2", "[]", "sh", "-c", "exec 2>&1; " + raise);
        Path out2 = runc.lastStdout();
        runc.ok("start", "w2");
        Poll.until("w2 ended", () -> read(out2).contains("done"));
        assertFalse(read(out2).contains("wrote"), () -> read(out2));
        assertTrue(read(out2).contains("Read-only file system"), () -> read(out2));
        assertEquals("max", Files.readString(pidsMax).strip(), "the host's file is untouched");
        runc.ok("delete", "--force", "w2");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
