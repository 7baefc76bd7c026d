package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json: typed values written and read back as they were, a later chapter's part carried unread, tampering refused. */
class ContainerConfigTest {
    private static final String ID = "ab".repeat(32);

    /** A later chapter's part, as chapter 6 keeps its network. */
    record Part(String name, List<Integer> numbers) {}

    private static final ContainerConfig.Extension<Part> PART = new ContainerConfig.Extension<>("part", Part.class);

    @TempDir
    Path root;

    private static ContainerConfig config() {
        return new ContainerConfig(
                ID,
                "sha256:" + "0".repeat(64),
                "busybox",
                List.of("sh", "-c", "echo 'a  b'"),
                List.of("PATH=/bin", "X=日本"),
                List.of(Volume.parse("/srv/data:/data:ro"), Volume.parse("/tmp/x:/x")),
                ResourceConfig.none().withMemory(100L << 20).withCpuShares(512).withCpusetCpus("0"),
                CgroupParent.parse("lab/alice"),
                "web",
                Instant.parse("2026-01-01T12:00:00.123456789Z"),
                Map.of());
    }

    private Path dir() throws Exception {
        return Files.createDirectories(root.resolve(ID));
    }

    @Test
    void typedValuesComeBackAsTheyWere() throws Exception {
        ContainerConfig written = config();
        written.write(dir());
        assertEquals(written, ContainerConfig.read(dir()));
        String json = Files.readString(dir().resolve(ContainerConfig.FILE));
        assertTrue(json.contains("\"memory\" : 104857600"), "the limit is kept in bytes, not as the flag: " + json);
    }

    /** Chapter 4 rewrites a config with a later chapter's part in it without knowing it, and loses nothing. */
    @Test
    void aLaterChaptersPartIsCarriedUnread() throws Exception {
        config().with(PART, new Part("mynet", List.of(8080, 80))).write(dir());
        ContainerConfig readByChapter4 = ContainerConfig.read(dir());
        readByChapter4.write(dir());
        assertEquals(
                Optional.of(new Part("mynet", List.of(8080, 80))),
                ContainerConfig.read(dir()).get(PART));
        assertEquals(Optional.empty(), config().get(PART));
    }

    @Test
    void aPartThatDoesNotReadAsItsTypeIsAnErrorNamingIt() throws Exception {
        config().write(dir());
        String json = Files.readString(dir().resolve(ContainerConfig.FILE))
                .replace("\"extensions\" : { }", "\"extensions\" : { \"part\" : \"not an object\" }");
        Files.writeString(dir().resolve(ContainerConfig.FILE), json);
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ContainerConfig.read(dir()).get(PART));
        assertTrue(e.getMessage().contains("bad part"), e.getMessage());
    }

    /**
     * A config.json changed by hand is read as untrusted: a cgroup parent that
     * climbs out of the hierarchy, a volume into the kernel's directories or
     * with a relative path, is refused as corrupt before anything uses it.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"cgroupParent\" : \"lab/alice\"     | \"cgroupParent\" : \"../../x\"",
                "\"container\" : \"/data\"            | \"container\" : \"/proc/sys\"",
                "\"container\" : \"/data\"            | \"container\" : \"data\"",
                "\"host\" : \"/srv/data\"             | \"host\" : \"/srv/../etc\"",
                "\"memory\" : 104857600             | \"memory\" : \"100m\"",
            })
    void tamperedValuesAreCorrupt(String field, String tampered) throws Exception {
        config().write(dir());
        Path file = dir().resolve(ContainerConfig.FILE);
        String json = Files.readString(file);
        assertTrue(json.contains(field.strip()), json);
        Files.writeString(file, json.replace(field.strip(), tampered.strip()));
        assertThrows(CorruptFileException.class, () -> ContainerConfig.read(dir()));
    }
}
