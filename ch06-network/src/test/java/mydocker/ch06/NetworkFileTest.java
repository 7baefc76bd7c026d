package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mydocker.ch04.image.Json;
import org.junit.jupiter.api.Test;

/** A network's file as an earlier build wrote it still reads: no network is lost to an upgrade. */
class NetworkFileTest {
    @Test
    void aFileWithoutAGatewayHasTheSubnetsFirstAddress() throws Exception {
        String before = """
                {"id": "%s", "name": "old", "driver": "bridge", "subnet": "172.29.90.0/24",
                 "bridge": "mdbr0123456789", "created": "2026-11-01T00:00:00Z"}
                """.formatted("a".repeat(64));
        Network old = Json.MAPPER.readValue(before, Network.class);
        assertEquals("172.29.90.1/24", old.bridgeAddress().toString());
    }
}
