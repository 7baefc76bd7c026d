package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import mydocker.ch03.InitMessage;
import mydocker.ch04.image.Json;
import mydocker.ch07.runc.SpecCommand;
import mydocker.syscall.MountFlags;
import mydocker.syscall.Syscall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** linux.maskedPaths, readonlyPaths, rootfsPropagation and devices: read once, each bad value refused by name. */
class MaskDevicesSpecTest {
    @TempDir
    Path bundle;

    private ObjectNode config;

    @BeforeEach
    void aBundle() throws Exception {
        Files.createDirectories(bundle.resolve("rootfs"));
        config = Json.MAPPER.valueToTree(SpecCommand.defaultSpec());
    }

    private ObjectNode linux(ObjectNode c) {
        return (ObjectNode) c.get("linux");
    }

    private Bundle read(ObjectNode json) throws Exception {
        Files.write(bundle.resolve(Bundle.CONFIG), Json.MAPPER.writeValueAsBytes(json));
        return Bundle.read(bundle, "c1");
    }

    private String refused(Consumer<ObjectNode> change) {
        ObjectNode changed = config.deepCopy();
        change.accept(changed);
        String message = assertThrows(IllegalArgumentException.class, () -> read(changed))
                .getMessage();
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    private ObjectNode device(ObjectNode c) {
        ObjectNode d = linux(c).putArray("devices").addObject();
        d.put("path", "/dev/fuse").put("type", "c").put("major", 10).put("minor", 229);
        return d;
    }

    @Test
    void theDefaultSpecMasksAndProtectsWhatRuncsDoes() throws Exception {
        Bundle b = read(config);
        assertTrue(b.maskedPaths().paths().contains("/proc/kcore"));
        assertTrue(b.readonlyPaths().paths().contains("/proc/sys"));
        assertEquals(RootfsPropagation.NONE, b.rootfsPropagation());
        assertEquals(List.of(), b.devices());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maskedPaths", "readonlyPaths"})
    void aPathThatIsNotAbsoluteOrClimbsOrHoldsNulIsRefused(String field) {
        for (String bad : List.of("proc/kcore", "", "/proc/../etc", "/proc/..", "/proc/k\0core")) {
            String message = refused(c -> linux(c).putArray(field).add(bad));
            assertTrue(message.startsWith("config.json: linux." + field + ": "), message);
        }
        assertTrue(refused(c -> linux(c).putArray(field).addNull()).contains("not an absolute path"));
    }

    @Test
    void aPropagationIsOneOfTheSpecsWords() throws Exception {
        linux(config).put("rootfsPropagation", "rshared");
        assertEquals(
                MountFlags.MS_SHARED | MountFlags.MS_REC,
                read(config).rootfsPropagation().flags());
        linux(config).put("rootfsPropagation", "unbindable");
        assertEquals(MountFlags.MS_UNBINDABLE, read(config).rootfsPropagation().flags());
        String message = refused(c -> linux(c).put("rootfsPropagation", "nosuid"));
        assertTrue(message.contains("linux.rootfsPropagation 'nosuid' is not one of"), message);
    }

    @Test
    void aDeviceIsReadWithRuncsDefaults() throws Exception {
        device(config);
        ObjectNode fifo = ((ArrayNode) linux(config).get("devices")).addObject();
        fifo.put("path", "/dev/sub/pipe")
                .put("type", "p")
                .put("fileMode", 0020640)
                .put("uid", 7);
        Bundle b = read(config);
        assertEquals(
                new DeviceNode("/dev/fuse", Syscall.S_IFCHR, 10, 229, 0666, 0, 0),
                b.devices().get(0));
        assertEquals(
                new DeviceNode("/dev/sub/pipe", Syscall.S_IFIFO, 0, 0, 0640, 7, 0),
                b.devices().get(1),
                "a FIFO has no numbers; fileMode's type bits go, as runc drops them");
    }

    @Test
    void aDeviceOutsideDevIsRefused() {
        for (String path :
                List.of("/etc/passwd", "/dev", "/dev/", "/devices/x", "/dev/../etc/x", "dev/x", "/dev/a\0b")) {
            String message = refused(c -> device(c).put("path", path));
            assertTrue(message.startsWith("config.json: linux.devices"), message);
        }
    }

    @Test
    void aBrokenDeviceIsRefusedByField() {
        assertTrue(refused(c -> device(c).put("type", "x")).contains("not one of c, b, u, p"));
        assertTrue(refused(c -> device(c).remove("major")).contains("needs a major number"));
        assertTrue(refused(c -> device(c).put("minor", -1)).contains("needs a minor number"));
        assertTrue(refused(c -> device(c).put("major", 1 << 12)).contains("needs a major number"));
        assertTrue(refused(c -> device(c).put("fileMode", 0x800000 | 0666)).contains("only permission bits"));
        assertTrue(refused(c -> device(c).put("uid", -1)).contains("not a user or group ID"));
        assertTrue(refused(c -> {
                    device(c);
                    ((ArrayNode) linux(c).get("devices"))
                            .add(c.get("linux").get("devices").get(0).deepCopy());
                })
                .contains("given twice"));
    }

    @Test
    void aMountNamespaceJoinedByPathIsRefusedByName() {
        String message =
                refused(c -> ((ObjectNode) c.get("linux").get("namespaces").get(4)).put("path", "/proc/self/ns/mnt"));
        assertTrue(message.contains("mount path is not supported"), message);
    }

    @Test
    void initGetsTheSameValues() throws Exception {
        device(config);
        linux(config).put("rootfsPropagation", "slave");
        OciSetup sent = OciSetup.of(read(config));
        InitMessage message = InitMessage.empty().with(OciSetup.PART, sent);
        assertEquals(sent, message.get(OciSetup.PART));
    }
}
