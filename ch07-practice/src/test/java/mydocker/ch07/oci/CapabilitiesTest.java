package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import mydocker.ch03.InitMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** process.capabilities is untrusted names: read once into five sets; applying them is RuntimeCapabilitiesIT's. */
class CapabilitiesTest {
    private static final long CHOWN = 1L;
    private static final long KILL = 1L << 5;
    private static final long NET_ADMIN = 1L << 12;

    private static Spec.Capabilities caps(
            List<String> b, List<String> e, List<String> i, List<String> p, List<String> a) {
        return new Spec.Capabilities(b, e, i, p, a);
    }

    @Test
    void namesBecomeBitsPerSet() {
        List<String> two = List.of("CAP_CHOWN", "CAP_KILL");
        Capabilities c = Capabilities.of(caps(two, List.of("CAP_KILL"), two, two, List.of("CAP_CHOWN")), "config.json")
                .orElseThrow();
        assertEquals(new Capabilities(CHOWN | KILL, KILL, CHOWN | KILL, CHOWN | KILL, CHOWN), c);
    }

    @Test
    void noCapabilitiesObjectLeavesTheSetsAlone() {
        assertEquals(Optional.empty(), Capabilities.of(null, "config.json"));
    }

    @Test
    void aMissingSetIsEmpty() {
        assertEquals(
                new Capabilities(NET_ADMIN, 0, 0, 0, 0),
                Capabilities.of(caps(List.of("CAP_NET_ADMIN"), null, null, null, null), "f")
                        .orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NET_ADMIN", "cap_kill", "CAP_TEST", "CAP_", "", " CAP_KILL"})
    void aNameThatIsNotACapabilityIsRefusedInOneLineNamingTheSet(String bad) {
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> Capabilities.of(caps(null, null, List.of("CAP_KILL", bad), null, null), "config.json"))
                .getMessage();
        assertTrue(message.startsWith("config.json: process.capabilities.inheritable "), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aNullEntryIsRefused() {
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> Capabilities.of(
                                caps(Arrays.asList("CAP_KILL", null), null, null, null, null), "proc.json"))
                .getMessage();
        assertEquals("proc.json: process.capabilities.bounding entry null is not a CAP_ name", message);
    }

    @Test
    void anAmbientCapabilityNotAlsoPermittedAndInheritableIsDropped() {
        // runc spec's own default: ambient three, inheritable none; the kernel could raise none of them.
        List<String> kill = List.of("CAP_KILL");
        Capabilities c = Capabilities.of(caps(kill, kill, null, kill, kill), "config.json")
                .orElseThrow();
        assertEquals(0, c.ambient());
        assertEquals(KILL, c.permitted());
    }

    @Test
    void theSetsCrossToInitUnchanged() throws Exception {
        for (Optional<Capabilities> c : List.of(
                Optional.<Capabilities>empty(), Optional.of(new Capabilities(-1L, 1L << 40, 0, Long.MIN_VALUE, 7)))) {
            InitMessage message = InitMessage.decode(
                    InitMessage.empty().with(Capabilities.PART, c).encode());
            assertEquals(c, message.get(Capabilities.PART));
        }
    }

    @Test
    void execCapAddsToBoundingEffectivePermittedAndAmbientOnlyWithInheritable() {
        List<String> kill = List.of("CAP_KILL");
        List<String> killAdmin = List.of("CAP_KILL", "CAP_NET_ADMIN");
        assertEquals(
                caps(killAdmin, killAdmin, null, killAdmin, kill),
                Capabilities.adding(caps(kill, kill, null, kill, kill), List.of("CAP_NET_ADMIN")));
        assertEquals(
                caps(killAdmin, killAdmin, kill, killAdmin, killAdmin),
                Capabilities.adding(caps(kill, kill, kill, kill, kill), List.of("CAP_NET_ADMIN")));
        assertThrows(
                IllegalArgumentException.class,
                () -> Capabilities.adding(caps(kill, kill, kill, kill, kill), List.of("NET_ADMIN")));
        assertThrows(IllegalArgumentException.class, () -> Capabilities.adding(null, List.of("CAP_NET_ADMIN")));
    }
}
