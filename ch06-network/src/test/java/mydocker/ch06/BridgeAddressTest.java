package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `network create --subnet`: Docker's subnet, or the book's bridge address with the host bits set. */
class BridgeAddressTest {
    @ParameterizedTest
    @CsvSource({
        "192.168.0.1/24, 192.168.0.0/24, 192.168.0.1", // the book's bridge_test.go
        "172.30.0.0/24,  172.30.0.0/24,  172.30.0.1", // Docker's: the first address
        "172.30.0.9/24,  172.30.0.0/24,  172.30.0.9",
        "10.1.2.3/8,     10.0.0.0/8,     10.1.2.3",
        "172.30.0.6/30,  172.30.0.4/30,  172.30.0.6",
        "' 172.30.0.254/24 ', 172.30.0.0/24, 172.30.0.254",
    })
    void theSubnetIsTheAddressMaskedAndTheGatewayTheAddressGiven(String text, String subnet, String gateway) {
        BridgeAddress parsed = BridgeAddress.parse(text);
        assertEquals(subnet, parsed.subnet().toString());
        assertEquals(gateway, Subnet.format(parsed.gateway()));
        assertEquals(gateway + "/" + parsed.subnet().prefix(), parsed.toString());
    }

    @Property
    void everyHostAddressOfEverySubnetIsAGateway(
            @ForAll int address, @ForAll @IntRange(min = 8, max = 30) int prefix, @ForAll long host) {
        Subnet subnet = new Subnet(address & Subnet.mask(prefix), prefix);
        int gateway = subnet.address(1 + Math.floorMod(host, subnet.size() - 2));
        BridgeAddress parsed = BridgeAddress.parse(Subnet.format(gateway) + "/" + prefix);
        assertEquals(subnet, parsed.subnet());
        assertEquals(gateway, parsed.gateway());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "172.30.0.255/24 | invalid subnet '172.30.0.255/24': 172.30.0.255 is the broadcast address, not a gateway (write 172.30.0.0/24 or 172.30.0.1/24)",
                "172.30.0.7/30   | invalid subnet '172.30.0.7/30': 172.30.0.7 is the broadcast address, not a gateway (write 172.30.0.4/30 or 172.30.0.5/30)",
                "172.30.0.1      | invalid subnet '172.30.0.1': expected CIDR like 172.30.0.0/24",
                "172.30.0.1/31   | invalid subnet '172.30.0.1/31': the prefix must be /8 to /30 (a /30 has room for one container)",
                "192.168.0.1/7   | invalid subnet '192.168.0.1/7': the prefix must be /8 to /30 (a /30 has room for one container)",
                "192.168.256.1/24 | invalid subnet '192.168.256.1/24': 256 is not an octet",
                "192.168.0.1/24/ | invalid subnet '192.168.0.1/24/': expected CIDR like 172.30.0.0/24",
            })
    void badSubnetsSayWhatIsWrong(String text, String message) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, () -> BridgeAddress.parse(text))
                        .getMessage());
    }

    /** A network file whose gateway is not a host of its subnet is refused when read. */
    @ParameterizedTest
    @CsvSource({"172.30.0.0", "172.30.0.255", "172.31.0.1"})
    void aGatewayOutsideTheSubnetsHostsIsRefused(String gateway) {
        Subnet subnet = Subnet.parse("172.30.0.0/24");
        int address = Subnet.parseAddress(gateway);
        assertEquals(
                "gateway " + gateway + " is not a host address of 172.30.0.0/24",
                assertThrows(IllegalArgumentException.class, () -> new BridgeAddress(subnet, address))
                        .getMessage());
    }
}
