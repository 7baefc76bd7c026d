package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetTest {
    @Test
    void parsesAndFormats() {
        Subnet s = Subnet.parse("172.30.0.0/24");
        assertEquals("172.30.0.0/24", s.toString());
        assertEquals("172.30.0.1", Subnet.format(s.gateway()));
        assertEquals(256, s.size());
        assertEquals("172.30.0.255", Subnet.format(s.address(255)));
    }

    @Property
    void formatAndParseAddressRoundTrip(@ForAll int address) {
        assertEquals(address, Subnet.parseAddress(Subnet.format(address)));
    }

    @Property
    void everySubnetRoundTrips(@ForAll int address, @ForAll @IntRange(min = 8, max = 30) int prefix) {
        Subnet s = new Subnet(address & Subnet.mask(prefix), prefix);
        assertEquals(s, Subnet.parse(s.toString()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "172.30.0.0      | invalid subnet '172.30.0.0': expected CIDR like 172.30.0.0/24",
                "172.30.0.0/33   | invalid subnet '172.30.0.0/33': the prefix must be /8 to /30 (a /30 has room for one container)",
                "172.30.0.0/31   | invalid subnet '172.30.0.0/31': the prefix must be /8 to /30 (a /30 has room for one container)",
                "10.0.0.0/7      | invalid subnet '10.0.0.0/7': the prefix must be /8 to /30 (a /30 has room for one container)",
                "300.1.0.0/16    | invalid subnet '300.1.0.0/16': 300 is not an octet",
                "172.30.0.5/24   | invalid subnet '172.30.0.5/24': host bits are set (did you mean 172.30.0.0/24?)",
                "bridge          | invalid subnet 'bridge': expected CIDR like 172.30.0.0/24",
            })
    void badSubnetsSayWhatIsWrong(String text, String message) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, () -> Subnet.parse(text))
                        .getMessage());
    }
}
