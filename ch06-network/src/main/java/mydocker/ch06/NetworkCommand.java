package mydocker.ch06;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mydocker.ch03.Root;
import mydocker.ch04.Table;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;
import mydocker.ch05.Containers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker network create|ls|inspect|rm} (book 6.2, 6.4); {@code list}
 * and {@code remove} are the book's own names for {@code ls} and {@code rm}.
 */
@Command(
        name = "network",
        mixinStandardHelpOptions = true,
        description = "Manage networks.",
        subcommands = {
            NetworkCommand.Create.class,
            NetworkCommand.Ls.class,
            NetworkCommand.Inspect.class,
            NetworkCommand.Rm.class
        })
public class NetworkCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a bridge network.")
    static class Create implements Callable<Integer> {
        @Option(
                names = {"-d", "--driver"},
                defaultValue = BridgeDriver.NAME,
                description = "Driver (default: bridge).")
        String driver;

        @Option(
                names = "--subnet",
                required = true,
                paramLabel = "CIDR",
                description = {
                    "The subnet, e.g. 172.30.0.0/24 (the gateway is its first address, 172.30.0.1).",
                    "Written as the book does, 192.168.0.1/24, the address given is the gateway."
                })
        String subnet;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            Network.checkName(name);
            if (!driver.equals(BridgeDriver.NAME)) {
                throw new IllegalArgumentException("unknown driver '" + driver + "': mydocker has the bridge driver");
            }
            BridgeAddress address = BridgeAddress.parse(subnet);
            Subnet parsed = address.subnet();
            Root.require("network create");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Network network =
                    Network.create(name, driver, address, HexFormat.of().formatHex(random));
            try (FileChannel lock = lock()) {
                if (Files.exists(Network.file(name))) {
                    throw new IllegalStateException("network with name " + name + " already exists");
                }
                removeFromHost(name); // the name is free: a bridge of that name is a leftover of ours
                checkFree(parsed);
                // The intent first, the file last: a kill in between leaves the intent,
                // and the next command under the lock undoes what this one made.
                Files.createFile(intent(name));
                try {
                    BridgeDriver.create(network);
                    try {
                        network.write();
                    } catch (IOException | RuntimeException e) {
                        BridgeDriver.delete(network);
                        throw e;
                    }
                } finally {
                    Files.delete(intent(name));
                }
            }
            System.out.println(network.id());
            return 0;
        }

        private static void checkFree(Subnet subnet) throws IOException {
            // A damaged network is left out here; its bridge's route still guards its subnet (below).
            for (Network other : Network.all(damaged -> {})) {
                if (other.parsedSubnet().overlaps(subnet)) {
                    throw new IllegalStateException(
                            "subnet " + subnet + " overlaps network " + other.name() + " (" + other.subnet() + ")");
                }
            }
            for (String route : HostCommand.lines("ip", "-4", "route", "show")) {
                String destination = route.split(" ")[0];
                if (destination.contains("/")
                        && Subnet.parse(normalise(destination)).overlaps(subnet)) {
                    throw new IllegalStateException(
                            "subnet " + subnet + " overlaps a route of this host: " + route.strip());
                }
            }
        }

        /** A route's destination may be longer than a /30 (a /32 host route): compare by its /30. */
        private static String normalise(String cidr) {
            int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
            int address = Subnet.parseAddress(cidr.substring(0, cidr.indexOf('/')));
            int clamped = Math.max(Subnet.SHORTEST_PREFIX, Math.min(prefix, Subnet.LONGEST_PREFIX));
            return Subnet.format(address & Subnet.mask(clamped)) + "/" + clamped;
        }
    }

    @Command(
            name = "ls",
            aliases = "list",
            mixinStandardHelpOptions = true,
            description = "List networks (the book's `network list`).")
    static class Ls implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Table table = new Table("NETWORK ID", "NAME", "DRIVER", "SUBNET");
            try (FileChannel lock = lock()) {
                for (Network n : Network.all(Ls::warn)) {
                    table.row(n.id().substring(0, 12), n.name(), n.driver(), n.subnet());
                }
            }
            System.out.print(table);
            return 0;
        }

        private static void warn(StateJson.Damaged damaged) {
            System.err.println("mydocker: warning: " + damaged.getMessage());
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a network as JSON.")
    static class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        /** The network and, as Docker's inspect does, the containers on it with their addresses. */
        @Override
        public Integer call() throws IOException {
            Map<String, Object> view =
                    Json.MAPPER.convertValue(Network.read(name), new TypeReference<LinkedHashMap<String, Object>>() {});
            Map<String, String> containers = new LinkedHashMap<>();
            for (Containers.Found c : Containers.list()) {
                Path dir = Containers.dir(c.id());
                if (!Files.exists(dir.resolve(Endpoint.FILE))) {
                    continue;
                }
                try {
                    Endpoint.Stored endpoint = Endpoint.read(dir);
                    if (name.equals(endpoint.network())) {
                        containers.put(c.name() == null ? c.id() : c.name(), endpoint.address());
                    }
                } catch (StateJson.Damaged e) {
                    System.err.println("mydocker: warning: " + e.getMessage());
                }
            }
            view.put("containers", containers);
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
            return 0;
        }
    }

    @Command(
            name = "rm",
            aliases = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove networks (the book's `network remove`).")
    static class Rm implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws IOException {
            for (String name : names) {
                try (FileChannel lock = lock()) {
                    if (!Files.exists(Network.file(name))) {
                        if (!removeFromHost(name)) { // what a killed create left, if anything
                            throw new IllegalArgumentException(
                                    "network " + name + " not found (see `mydocker network ls`)");
                        }
                    } else {
                        checkNoEndpoints(name);
                        remove(name);
                    }
                }
                System.out.println(name);
            }
            return 0;
        }
    }

    private static void checkNoEndpoints(String name) throws IOException {
        for (Containers.Found c : Containers.list()) {
            Path dir = Containers.dir(c.id());
            if (c.config() != null
                    && c.config()
                            .get(ContainerNetwork.EXTENSION)
                            .filter(n -> n.name().equals(name))
                            .isPresent()
                    && Files.exists(dir.resolve(Endpoint.FILE))) {
                throw new IllegalStateException("network " + name + " has active endpoints (container " + c.name()
                        + "): remove the container first");
            }
        }
    }

    /** Its bridge, rule and IPAM state, then its file; a damaged file's network is found by its name. */
    private static void remove(String name) throws IOException {
        try {
            Network network = Network.read(name);
            BridgeDriver.delete(network);
            ipam().delete(network.parsedSubnet());
        } catch (StateJson.Damaged e) {
            removeFromHost(name);
        }
        Files.delete(Network.file(name));
    }

    /** What the host has of network {@code name} (see {@link BridgeDriver#deleteByName}) goes; false if nothing. */
    private static boolean removeFromHost(String name) {
        BridgeDriver.Leftovers leftovers = BridgeDriver.deleteByName(name);
        leftovers.subnets().forEach(ipam()::delete);
        return leftovers.found();
    }

    private static Ipam ipam() {
        return new Ipam(Network.root().resolve("ipam"));
    }

    /** Present while `network create NAME` runs: see {@link #undoKilledCreates}. */
    private static Path intent(String name) {
        return Network.dir().resolve(Network.checkName(name) + ".creating");
    }

    /**
     * Networks change under one lock: two `network create` must not both take
     * a subnet. Whoever takes it first undoes what a killed create left.
     */
    public static FileChannel lock() throws IOException {
        Files.createDirectories(Network.dir());
        FileChannel channel =
                FileChannel.open(Network.root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock(); // released when the channel closes, or when this process ends
            undoKilledCreates();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * An intent seen under the lock belongs to a create that was killed (a
     * live one would hold the lock). If it got as far as the network's file,
     * the network is whole; if not, its bridge, rule and IPAM state go. So does
     * the temporary file of a network's file whose writer was killed.
     */
    private static void undoKilledCreates() throws IOException {
        AtomicFile.removeTemporaries(Network.dir());
        try (Stream<Path> files = Files.list(Network.dir())) {
            for (Path intent :
                    files.filter(p -> p.toString().endsWith(".creating")).toList()) {
                String name = Network.nameOf(intent);
                if (!Files.exists(Network.file(name))) {
                    removeFromHost(name);
                }
                Files.delete(intent);
            }
        }
    }
}
