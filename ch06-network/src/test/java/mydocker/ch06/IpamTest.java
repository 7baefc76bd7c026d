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

    @TempDir
    Path tmp;

    private Ipam fresh() {
        return new Ipam(tmp);
    }

    /**
     * Random allocate/release sequences against a model (the lowest free index
     * from 2 up): never an address twice, never the network, gateway or
     * broadcast address, released addresses come back first, and the state
     * survives a reload (every step uses a new Ipam over the same directory).
     */
    @Property(tries = 80)
    void randomSequencesKeepEveryRule(
            @ForAll("subnets") Subnet subnet, @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2) Integer> ops)
            throws IOException {
        Path dir = Files.createTempDirectory("ipam-test-");
        try {
            checkSequence(subnet, ops, dir);
        } finally {
            Trees.delete(dir);
        }
    }

    private static void checkSequence(Subnet subnet, List<Integer> ops, Path dir) {
        Set<Long> held = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (int op : ops) {
            Ipam ipam = new Ipam(dir);
            if (op == 2 && !order.isEmpty()) {
                long index = order.remove(0);
                ipam.release(subnet, subnet.address(index));
                held.remove(index);
            } else if (held.size() == subnet.size() - 3) {
                assertThrows(IllegalStateException.class, () -> ipam.allocate(subnet), "full");
            } else {
                long expected = 2;
                while (held.contains(expected)) {
                    expected++;
                }
                int address = ipam.allocate(subnet);
                long index = subnet.indexOf(address);
                assertTrue(subnet.contains(address));
                assertEquals(expected, index, "the lowest free address, released ones included");
                assertTrue(
                        index >= 2 && index <= subnet.size() - 2,
                        "reserved address handed out: " + Subnet.format(address));
                assertTrue(held.add(index), "handed out twice: " + Subnet.format(address));
                order.add(index);
            }
            assertEquals(held.size(), new Ipam(dir).allocated(subnet), "state after a reload");
        }
    }

    @Test
    void aSlash30HasRoomForOneContainer() throws IOException {
        Ipam ipam = fresh();
        Subnet subnet = Subnet.parse("172.30.9.0/30");
        assertEquals("172.30.9.2", Subnet.format(ipam.allocate(subnet)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ipam.allocate(subnet));
        assertEquals(
                "no free address left in 172.30.9.0/30 (1 in all): remove a container or use a larger subnet",
                e.getMessage());
    }

    @Test
    void releasedAddressesAreReused() throws IOException {
        Ipam ipam = fresh();
        Subnet subnet = Subnet.parse("10.77.0.0/24");
        int a = ipam.allocate(subnet);
        int b = ipam.allocate(subnet);
        assertNotEquals(a, b);
        ipam.release(subnet, a);
        assertEquals(a, ipam.allocate(subnet));
        assertEquals("10.77.0.2", Subnet.format(a));
        assertEquals("10.77.0.3", Subnet.format(b));
    }

    @Test
    void subnetsAreKeptApart() throws IOException {
        Ipam ipam = fresh();
        Subnet one = Subnet.parse("10.1.0.0/24");
        Subnet two = Subnet.parse("10.2.0.0/24");
        ipam.allocate(one);
        assertEquals("10.2.0.2", Subnet.format(ipam.allocate(two)));
        assertThrows(IllegalArgumentException.class, () -> ipam.release(one, Subnet.parseAddress("10.2.0.2")));
        assertFalse(one.overlaps(two));
        assertTrue(Subnet.parse("10.0.0.0/8").overlaps(one));
    }

    @Test
    void aPreferredAddressIsGivenIfFreeAndTheLowestOtherwise() {
        Ipam ipam = fresh();
        Subnet subnet = Subnet.parse("10.77.0.0/24");
        int wanted = Subnet.parseAddress("10.77.0.9");
        assertEquals(wanted, ipam.allocate(subnet, OptionalInt.of(wanted)), "free: given");
        assertEquals("10.77.0.2", Subnet.format(ipam.allocate(subnet, OptionalInt.of(wanted))), "taken: the lowest");
        for (String never : List.of("10.77.0.0", "10.77.0.1", "10.77.0.255", "10.78.0.9")) {
            assertEquals(
                    "10.77.0.3",
                    Subnet.format(ipam.allocate(subnet, OptionalInt.of(Subnet.parseAddress(never)))),
                    never + " is no container's address here");
            ipam.release(subnet, Subnet.parseAddress("10.77.0.3"));
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
        Subnet subnet = Subnet.parse("10.77.0.0/24");
        Path file = tmp.resolve("10.77.0.0_24.json");
        Files.writeString(file, content);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fresh().allocate(subnet));
        assertTrue(e.getMessage().startsWith(file + " is damaged ("), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
