package mydocker.ch06;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
public record Network(
        String id, String name, String driver, String subnet, String gateway, String bridge, String created) {
    private static final String SUFFIX = ".json";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}");

    /**
     * Every path made from a network name comes through here: the name is
     * untrusted input (any command line), and one like {@code ../../x} must
     * never read or delete a file outside the network directory.
     */
    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid network name '" + name + "': use letters, digits, _ . -");
        }
        return name;
    }

    static Path root() {
        return Storage.dataRoot().resolve("network");
    }

    static Path dir() {
        return root().resolve("networks");
    }

    static Path file(String name) {
        return dir().resolve(checkName(name) + SUFFIX);
    }

    /**
     * The bridge's name follows from the network's name and this
     * MYDOCKER_ROOT (a link name holds 15 characters, a network name up to
     * 64), so what is on the host can be found without the network's file:
     * after a kill before the file was written, or when the file is damaged.
     * Two roots may both have a network "web"; their bridges differ.
     */
    static String bridgeName(String name) {
        return bridgeName(root(), name);
    }

    /** {@link #bridgeName(String)} for the network root {@code root} (MYDOCKER_ROOT/network). */
    static String bridgeName(Path root, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((root.toAbsolutePath() + "\0" + name).getBytes(StandardCharsets.UTF_8));
            return "mdbr" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    Subnet parsedSubnet() {
        return Subnet.parse(subnet);
    }

    /**
     * The subnet and the gateway in it, checked together: for the bridge and the
     * IPAM. A network file from before gateways were recorded has none: its
     * gateway was always the subnet's first address.
     */
    BridgeAddress bridgeAddress() {
        Subnet parsed = parsedSubnet();
        return new BridgeAddress(parsed, gateway == null ? parsed.gateway() : Subnet.parseAddress(gateway));
    }

    void write() throws IOException {
        AtomicFile.write(
                file(name), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** The network called {@code name}; a damaged file is a {@link StateJson.Damaged}. */
    static Network read(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("network " + name + " not found (see `mydocker network ls`)");
        }
        return read(file);
    }

    private static Network read(Path file) {
        String name = nameOf(file);
        return StateJson.read(
                file,
                Network.class,
                n -> n.id() != null
                        && n.driver() != null
                        && n.bridge() != null
                        && n.created() != null
                        && name.equals(n.name())
                        && StateJson.parses(n::bridgeAddress),
                "`mydocker network rm " + name + "` removes the network and its bridge");
    }

    /** Every network whose file reads; each damaged one goes to {@code damaged} instead of stopping the rest. */
    static List<Network> all(Consumer<StateJson.Damaged> damaged) throws IOException {
        List<Network> all = new ArrayList<>();
        if (Files.isDirectory(dir())) {
            try (Stream<Path> files = Files.list(dir())) {
                for (Path f : files.filter(p -> p.toString().endsWith(SUFFIX))
                        .sorted()
                        .toList()) {
                    try {
                        all.add(read(f));
                    } catch (StateJson.Damaged e) {
                        damaged.accept(e);
                    }
                }
            }
        }
        return all;
    }

    /** The name a network's file stands for. */
    static String nameOf(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }

    static Network create(String name, String driver, BridgeAddress address, String id) {
        return new Network(
                id,
                name,
                driver,
                address.subnet().toString(),
                Subnet.format(address.gateway()),
                bridgeName(name),
                Instant.now().toString());
    }
}
