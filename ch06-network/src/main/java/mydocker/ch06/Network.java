package mydocker.ch06;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch03.Storage;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * Book 6.2's network model: a name, a driver (bridge), a subnet, and the
 * Linux bridge that is its switch. Stored as
 * {@code MYDOCKER_ROOT/network/networks/<name>.json}; the addresses in use are
 * the IPAM's ({@code network/ipam/}).
 */
public record Network(String id, String name, String driver, String subnet, String bridge, String created) {

    static Path root() {
        return Storage.dataRoot().resolve("network");
    }

    static Path file(String name) {
        return root().resolve("networks").resolve(name + ".json");
    }

    Subnet parsedSubnet() {
        return Subnet.parse(subnet);
    }

    String gateway() {
        return Subnet.format(parsedSubnet().gateway());
    }

    void write() throws IOException {
        AtomicFile.write(file(name), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    static Network read(String name) throws IOException {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("network " + name + " not found (see `mydocker network ls`)");
        }
        return Json.MAPPER.readValue(file.toFile(), Network.class);
    }

    static List<Network> all() throws IOException {
        List<Network> all = new ArrayList<>();
        Path dir = root().resolve("networks");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    all.add(Json.MAPPER.readValue(f.toFile(), Network.class));
                }
            }
        }
        return all;
    }

    static Network create(String name, String driver, Subnet subnet, String id) {
        return new Network(id, name, driver, subnet.toString(), "mdbr" + id.substring(0, 10), Instant.now().toString());
    }
}
