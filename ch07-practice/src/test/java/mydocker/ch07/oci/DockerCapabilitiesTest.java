package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** docker run's --cap-add/--cap-drop/--privileged rules (moby oci/caps), checked without a container. */
class DockerCapabilitiesTest {
    private static List<String> set(Spec.Capabilities c) {
        assertEquals(c.bounding(), c.effective());
        assertEquals(c.bounding(), c.permitted());
        assertEquals(List.of(), c.inheritable());
        assertEquals(List.of(), c.ambient());
        return c.bounding();
    }

    @Test
    void noFlagsGiveDockersFourteen() {
        List<String> caps = set(DockerCapabilities.of(List.of(), List.of(), false));
        assertEquals(14, caps.size());
        assertEquals(
                DockerCapabilities.DEFAULT.stream().sorted().toList(),
                caps.stream().sorted().toList());
    }

    @Test
    void namesAreTakenWithOrWithoutCapInAnyCase() {
        List<String> caps = set(DockerCapabilities.of(List.of("net_admin", "Cap_Sys_Admin"), List.of("kill"), false));
        assertEquals(15, caps.size());
        assertEquals(true, caps.contains("CAP_NET_ADMIN") && caps.contains("CAP_SYS_ADMIN"));
        assertEquals(false, caps.contains("CAP_KILL"));
    }

    @Test
    void dropAllThenAddLeavesOnlyTheAdds() {
        assertEquals(
                List.of("CAP_NET_BIND_SERVICE"),
                set(DockerCapabilities.of(List.of("NET_BIND_SERVICE"), List.of("all"), false)));
    }

    @Test
    void addAllIsEveryCapabilityButTheDropped() {
        List<String> caps = set(DockerCapabilities.of(List.of("ALL"), List.of("SYS_ADMIN"), false));
        assertEquals(Long.bitCount(CapabilityNames.available()) - 1, caps.size());
        assertEquals(false, caps.contains("CAP_SYS_ADMIN"));
    }

    @Test
    void privilegedIsEveryCapabilityWhateverTheFlags() {
        assertEquals(
                CapabilityNames.names(CapabilityNames.available()),
                set(DockerCapabilities.of(List.of(), List.of("ALL"), true)));
    }

    @Test
    void anUnknownNameIsRefusedAsDockerdSaysIt() {
        assertEquals(
                "invalid CapAdd: unknown capability: \"CAP_FOO\"",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> DockerCapabilities.of(List.of("foo"), List.of(), false))
                        .getMessage());
        assertEquals(
                "invalid CapDrop: unknown capability: \"CAP_\"",
                assertThrows(IllegalArgumentException.class, () -> DockerCapabilities.of(List.of(), List.of(""), false))
                        .getMessage());
    }

    /** Whatever the flags, a name dropped and not added is gone, an added one is there (drop before add). */
    @Property
    void dropsGoBeforeAdds(@ForAll("names") List<String> add, @ForAll("names") List<String> drop) {
        List<String> caps = set(DockerCapabilities.of(add, drop, false));
        for (String d : drop) {
            String cap = "CAP_" + d.toUpperCase(Locale.ROOT);
            boolean added = add.stream().anyMatch(a -> a.equalsIgnoreCase(d));
            assertEquals(added, caps.contains(cap), cap);
        }
        List<String> expected = new ArrayList<>(DockerCapabilities.DEFAULT);
        expected.removeIf(c -> drop.stream().anyMatch(d -> c.equalsIgnoreCase("CAP_" + d)));
        add.forEach(a -> expected.add("CAP_" + a.toUpperCase(Locale.ROOT)));
        assertEquals(
                expected.stream().distinct().sorted().toList(),
                caps.stream().sorted().toList());
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.of(CapabilityNames.names(CapabilityNames.available()))
                .map(n -> n.substring("CAP_".length()))
                .map(n -> n.toLowerCase(Locale.ROOT))
                .list()
                .ofMaxSize(6);
    }
}
