package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch04.image.Json;
import mydocker.ch07.runc.SpecCommand;
import mydocker.syscall.CloneFlags;
import mydocker.syscall.MountFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json is untrusted: each field is checked once, and what this runtime cannot do is refused by name. */
class BundleTest {
    @TempDir
    Path bundle;

    private ObjectNode config;

    @BeforeEach
    void aBundle() throws Exception {
        Files.createDirectories(bundle.resolve("rootfs"));
        config = Json.MAPPER.valueToTree(SpecCommand.defaultSpec());
    }

    private Bundle read() throws Exception {
        return read(config);
    }

    private Bundle read(ObjectNode json) throws Exception {
        Files.write(bundle.resolve(Bundle.CONFIG), Json.MAPPER.writeValueAsBytes(json));
        return Bundle.read(bundle, "c1");
    }

    /** The message for the default config with {@code change}, each time from the default. */
    private String refused(Consumer<ObjectNode> change) throws Exception {
        ObjectNode changed = config.deepCopy();
        change.accept(changed);
        return assertThrows(IllegalArgumentException.class, () -> read(changed)).getMessage();
    }

    @Test
    void theDefaultSpecReadsAsWhatItSays() throws Exception {
        Bundle b = read();
        assertEquals(bundle.resolve("rootfs"), b.rootfs());
        assertTrue(b.readonlyRootfs());
        assertEquals("sh", b.process().argv().get(0));
        assertEquals("mydocker", b.hostname());
        assertEquals(
                CloneFlags.CLONE_NEWPID
                        | CloneFlags.CLONE_NEWNET
                        | CloneFlags.CLONE_NEWIPC
                        | CloneFlags.CLONE_NEWUTS
                        | CloneFlags.CLONE_NEWNS,
                b.namespaces().created());
        assertEquals("mydocker", b.cgroupParent().path(), "no cgroupsPath: mydocker/ID");
        assertEquals("c1", b.cgroupName());
        MountSpec sys = b.mounts().stream()
                .filter(m -> m.destination().equals("/sys"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                MountFlags.MS_RDONLY | MountFlags.MS_NOSUID | MountFlags.MS_NOEXEC | MountFlags.MS_NODEV, sys.flags());
    }

    @Test
    void processTerminalIsRead() throws Exception {
        assertFalse(read().terminal(), "the default spec has none");
        ((ObjectNode) config.get("process")).put("terminal", true);
        assertTrue(read().terminal());
    }

    @Test
    void aCgroupsPathNamesParentAndGroup() throws Exception {
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/docker/abc");
        Bundle b = read();
        assertEquals("docker", b.cgroupParent().path());
        assertEquals("abc", b.cgroupName());
    }

    @Test
    void aCgroupsPathOfOneNameIsAGroupRightBelowTheRoot() throws Exception {
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/cgrouptest");
        Bundle b = read();
        assertEquals(CgroupParent.ROOT, b.cgroupParent());
        assertEquals("cgrouptest", b.cgroupName());
    }

    @Test
    void aRelativeBindSourceIsTheBundles() throws Exception {
        ObjectNode bind = ((ArrayNode) config.get("mounts")).addObject();
        bind.put("destination", "/data").put("type", "bind").put("source", "data");
        bind.putArray("options").add("rbind").add("ro");
        MountSpec m = read().mounts().get(read().mounts().size() - 1);
        assertEquals(bundle.resolve("data").toString(), m.source());
        assertTrue(m.isBind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "climbing cgroupsPath | linux.cgroupsPath | cgroupsPath | /../../etc/x",
                "a cgroupsPath with no name | linux.cgroupsPath | cgroupsPath | /docker/",
                "a cgroupsPath of the root itself | linux.cgroupsPath | cgroupsPath | /",
            })
    void aCgroupsPathOutsideItsHierarchyIsRefused(String what, String field, String key, String value)
            throws Exception {
        String message = refused(c -> ((ObjectNode) c.get("linux")).put(key, value));
        assertTrue(message.startsWith("config.json: " + field), message);
    }

    @Test
    void eachBrokenFieldIsOneLineNamingIt() throws Exception {
        assertTrue(refused(c -> c.put("ociVersion", "0.9")).contains("ociVersion"));
        assertTrue(refused(c -> c.remove("process")).contains("process is missing"));
        assertTrue(
                refused(c -> ((ObjectNode) c.get("process")).putArray("args")).contains("process.args"));
        assertTrue(
                refused(c -> ((ObjectNode) c.get("process")).put("cwd", "tmp")).contains("process.cwd"));
        assertTrue(refused(c -> ((ObjectNode) c.get("process").get("user")).put("uid", -1))
                .contains("process.user"));
        assertTrue(refused(c -> ((ObjectNode) c.get("root")).put("path", "nowhere"))
                .contains("root.path"));
        assertTrue(refused(c -> c.put("hostname", "a/b")).contains("hostname"));
        assertTrue(refused(c -> ((ObjectNode) c.get("process").get("rlimits").get(0)).put("type", "RLIMIT_BOGUS"))
                .contains("process.rlimits"));
        assertTrue(refused(c -> ((ObjectNode) c.get("process").get("rlimits").get(0)).put("soft", 4096))
                .contains("process.rlimits"));
        assertTrue(refused(c -> ((ObjectNode) c.get("mounts").get(0)).put("destination", "proc"))
                .contains("mounts"));
    }

    @Test
    void namespacesThisRuntimeCannotMakeAreRefusedByName() throws Exception {
        String user = refused(
                c -> ((ArrayNode) c.get("linux").get("namespaces")).addObject().put("type", "user"));
        assertTrue(user.contains("type user is not supported"), user);
        String twice = refused(
                c -> ((ArrayNode) c.get("linux").get("namespaces")).addObject().put("type", "pid"));
        assertTrue(twice.contains("given twice"), twice);
        String joined =
                refused(c -> ((ObjectNode) c.get("linux").get("namespaces").get(1)).put("path", "/no/such/ns"));
        assertTrue(joined.contains("not an existing absolute path"), joined);
    }

    @Test
    void anExistingNamespaceIsJoinedByPath() throws Exception {
        ((ObjectNode) config.get("linux").get("namespaces").get(1)).put("path", "/proc/self/ns/net");
        Bundle b = read();
        assertEquals(0, b.namespaces().created() & CloneFlags.CLONE_NEWNET);
        assertEquals(CloneFlags.CLONE_NEWNET, b.namespaces().joined().get(Path.of("/proc/self/ns/net")));
        assertFalse(OciSetup.of(b).newNetwork(), "lo is the joined namespace's business");
    }

    @Test
    void garbageIsOneLine() throws Exception {
        Files.writeString(bundle.resolve(Bundle.CONFIG), "{\"ociVersion\": ");
        String message = assertThrows(IllegalArgumentException.class, () -> Bundle.read(bundle, "c1"))
                .getMessage();
        assertTrue(message.startsWith(bundle.resolve(Bundle.CONFIG) + ": "), message);
        assertEquals(1, message.lines().count(), message);
    }
}
