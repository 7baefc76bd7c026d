package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortMappingTest {
    @Test
    void specs() {
        assertEquals(new PortMapping(8080, 80, "tcp"), PortMapping.parse("8080:80"));
        assertEquals(new PortMapping(53, 5353, "udp"), PortMapping.parse("53:5353/udp"));
        assertEquals("8080:80/tcp", PortMapping.parse("8080:80").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "8080        ; invalid -p '8080': expected HOST:CONTAINER[/tcp|udp], e.g. -p 8080:80",
                "a:80        ; invalid -p 'a:80': expected HOST:CONTAINER[/tcp|udp], e.g. -p 8080:80",
                "0:80        ; invalid -p '0:80': port 0 is out of range (1-65535)",
                "8080:65536  ; invalid -p '8080:65536': port 65536 is out of range (1-65535)",
                "8080:80/sctp ; invalid -p '8080:80/sctp': unknown protocol 'sctp' (tcp or udp)",
            })
    void badSpecsSayWhatIsWrong(String spec, String message) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, () -> PortMapping.parse(spec))
                        .getMessage());
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({
        "8080:80, 8080:81, tcp",
        "8080:80/tcp, 8080:80, tcp",
        "8080:80, 8080:80/tcp, tcp",
        "53:53/udp, 53:54/udp, udp"
    })
    void aHostPortPublishedTwiceIsRefused(String first, String second, String protocol) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PortMapping.parseAll(List.of(first, second)));
        assertEquals(
                "invalid -p '" + second + "': host port " + first.split(":")[0] + "/" + protocol
                        + " is already published by -p '" + first + "' (a host port forwards to one container port)",
                e.getMessage());
    }

    @Test
    void oneHostPortMayCarryTcpAndUdp() {
        assertEquals(
                List.of(
                        new PortMapping(8080, 80, "tcp"),
                        new PortMapping(8080, 80, "udp"),
                        new PortMapping(8081, 80, "tcp")),
                PortMapping.parseAll(List.of("8080:80/tcp", "8080:80/udp", "8081:80")));
    }
}
