package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import mydocker.ch04.image.Trees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpamTest {
    @Provide
    Arbitrary<Subnet> subnets() {
        return Combinators.combine(
                        Arbitraries.integers(), Arbitraries.integers().between(8, 30))
                .as((address, prefix) -> new Subnet(address & Subnet.mask(prefix), prefix));
    }

    /** A bridge on one of {@link #subnets}: the gateway anywhere, often among the first addresses handed out. */
    @Provide
    Arbitrary<BridgeAddress> bridges() {
        return subnets()
                .flatMap(subnet -> Arbitraries.oneOf(
                                Arbitraries.longs().between(1, Math.min(subnet.size() - 2, 64)),
                                Arbitraries.longs().between(1, subnet.size() - 2))
                        .map(index -> new BridgeAddress(subnet, subnet.address(index))));
    }

    @TempDir
    Path tmp;

    /** A network made as Docker writes it, 10.77.0.0/24: its gateway is the first address. */
    private static BridgeAddress bridge(String subnet) {
        return BridgeAddress.parse(subnet);
    }

    private Ipam fresh() {
        return new Ipam(tmp);
    }

    /**
     * Random allocate/release sequences against a model (the lowest free index
     * from 1 up, the gateway's skipped): never an address twice, never the
     * network, gateway or broadcast address, released addresses come back
     * first, and the state survives a reload (every step uses a new Ipam over
     * the same directory).
     */
    @Property(tries = 80)
    void randomSequencesKeepEveryRule(
            @ForAll("bridges") BridgeAddress bridge,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2) Integer> ops)
            throws IOException {
        Path dir = Files.createTempDirectory("ipam-test-");
        try {
            checkSequence(bridge, ops, dir);
        } finally {
            Trees.delete(dir);
        }
    }

    private static void checkSequence(BridgeAddress bridge, List<Integer> ops, Path dir) {
        Subnet subnet = bridge.subnet();
        long gateway = subnet.indexOf(bridge.gateway());
        Set<Long> held = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (int op : ops) {
            Ipam ipam = new Ipam(dir);
            if (op == 2 && !order.isEmpty()) {
                long index = order.remove(0);
                ipam.release(subnet, subnet.address(index));
                held.remove(index);
            } else if (held.size() == subnet.size() - 3) {
                assertThrows(IllegalStateException.class, () -> ipam.allocate(bridge, OptionalInt.empty()), "full");
            } else {
                long expected = 1;
                while (held.contains(expected) || expected == gateway) {
                    expected++;
                }
                int address = ipam.allocate(bridge, OptionalInt.empty());
                long index = subnet.indexOf(address);
                assertTrue(subnet.contains(address));
                assertEquals(expected, index, "the lowest free address, released ones included");
                assertTrue(
                        index >= 1 && index <= subnet.size() - 2 && index != gateway,
                        "reserved address handed out: " + Subnet.format(address));
                assertTrue(held.add(index), "handed out twice: " + Subnet.format(address));
                order.add(index);
            }
            assertEquals(held.size(), new Ipam(dir).allocated(subnet), "state after a reload");
        }
    }

    /** The lowest free address, no preference. */
    private static int next(Ipam ipam, BridgeAddress bridge) {
        return ipam.allocate(bridge, OptionalInt.empty());
    }

    @Test
    void aSlash30HasRoomForOneContainer() throws IOException {
        Ipam ipam = fresh();
        BridgeAddress bridge = bridge("172.30.9.0/30");
        assertEquals("172.30.9.2", Subnet.format(next(ipam, bridge)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> next(ipam, bridge));
        assertEquals(
                "no free address left in 172.30.9.0/30 (1 in all): remove a container or use a larger subnet",
                e.getMessage());
    }

    @Test
    void releasedAddressesAreReused() throws IOException {
        Ipam ipam = fresh();
        BridgeAddress bridge = bridge("10.77.0.0/24");
        int a = next(ipam, bridge);
        int b = next(ipam, bridge);
        assertNotEquals(a, b);
        ipam.release(bridge.subnet(), a);
        assertEquals(a, next(ipam, bridge));
        assertEquals("10.77.0.2", Subnet.format(a));
        assertEquals("10.77.0.3", Subnet.format(b));
    }

    /** The book's 192.168.0.1/24 and any other gateway: the first address is a container's unless it is the bridge's. */
    @Test
    void theGatewayGivenIsSkippedAndTheFirstAddressHandedOut() throws IOException {
        Ipam ipam = fresh();
        BridgeAddress bridge = bridge("10.77.0.3/24");
        List<String> given = List.of(
                Subnet.format(next(ipam, bridge)),
                Subnet.format(next(ipam, bridge)),
                Subnet.format(next(ipam, bridge)));
        assertEquals(List.of("10.77.0.1", "10.77.0.2", "10.77.0.4"), given);
        assertEquals(
                "10.77.0.5",
                Subnet.format(ipam.allocate(bridge, OptionalInt.of(bridge.gateway()))),
                "the gateway is no container's, even when asked for");
    }

    @Test
    void subnetsAreKeptApart() throws IOException {
        Ipam ipam = fresh();
        BridgeAddress one = bridge("10.1.0.0/24");
        BridgeAddress two = bridge("10.2.0.0/24");
        next(ipam, one);
        assertEquals("10.2.0.2", Subnet.format(next(ipam, two)));
        assertThrows(IllegalArgumentException.class, () -> ipam.release(one.subnet(), Subnet.parseAddress("10.2.0.2")));
        assertFalse(one.subnet().overlaps(two.subnet()));
        assertTrue(Subnet.parse("10.0.0.0/8").overlaps(one.subnet()));
    }

    @Test
    void aPreferredAddressIsGivenIfFreeAndTheLowestOtherwise() {
        Ipam ipam = fresh();
        BridgeAddress bridge = bridge("10.77.0.0/24");
        int wanted = Subnet.parseAddress("10.77.0.9");
        assertEquals(wanted, ipam.allocate(bridge, OptionalInt.of(wanted)), "free: given");
        assertEquals("10.77.0.2", Subnet.format(ipam.allocate(bridge, OptionalInt.of(wanted))), "taken: the lowest");
        for (String never : List.of("10.77.0.0", "10.77.0.1", "10.77.0.255", "10.78.0.9")) {
            assertEquals(
                    "10.77.0.3",
                    Subnet.format(ipam.allocate(bridge, OptionalInt.of(Subnet.parseAddress(never)))),
                    never + " is no container's address here");
            ipam.release(bridge.subnet(), Subnet.parseAddress("10.77.0.3"));
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "{\"subnet\":\"10.77.0.0/24\",\"allo",
                "\u0000garbage",
                "{}",
                "{\"subnet\":\"10.77.0.0/24\",\"allocated\":\"not base64!\"}"
            })
    void aDamagedFileIsOneLineNamingIt(String content) throws IOException {
        Path file = tmp.resolve("10.77.0.0_24.json");
        Files.writeString(file, content);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> next(fresh(), bridge("10.77.0.0/24")));
        assertTrue(e.getMessage().startsWith(file + " is damaged ("), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
