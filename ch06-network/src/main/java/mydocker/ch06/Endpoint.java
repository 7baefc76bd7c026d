package mydocker.ch06;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * Book 6.5: a container's place on a network. A veth pair — two ends of one
 * cable — with the host end plugged into the network's bridge and the other
 * end moved into the container's network namespace, renamed eth0, given the
 * address the IPAM allocated, and a default route through the gateway. It is
 * done while init waits on its pipe, so the user's command starts with its
 * network up. Recorded in {@code endpoint.json} in the container's directory,
 * so `stop` and `rm` can give the address back.
 */
public final class Endpoint implements HostStep {
    static final String FILE = "endpoint.json";
    /** The address a container held when it last stopped. */
    static final String LAST_ADDRESS = "last-address";

    /** What the start made: the address, the veth, and the ports whose rules it added. */
    public record Stored(
            String container,
            String network,
            String subnet,
            String address,
            String hostVeth,
            List<PortMapping> ports) {}

    private final Network network;
    private final Path dir;
    private final List<PortMapping> ports;
    private Stored endpoint;

    Endpoint(Network network, Path dir, List<PortMapping> ports) {
        this.network = network;
        this.dir = dir;
        this.ports = ports;
    }

    @Override
    public void beforeStart(Container container) {
        try (FileChannel lock = NetworkCommand.lock()) {
            releaseLocked(dir); // what a start that was killed half way left
            PortRules.checkFree(ports, container.id());
            Subnet subnet = network.parsedSubnet();
            int address = ipam().allocate(network.bridgeAddress(), lastAddress(dir));
            String hostVeth = hostVeth(container.id());
            endpoint = new Stored(
                    container.id(), network.name(), subnet.toString(), Subnet.format(address), hostVeth, ports);
            AtomicFile.write(dir.resolve(FILE), Json.MAPPER.writeValueAsBytes(endpoint));
            // netlink: RTM_NEWLINK, kind "veth", with the peer's name
            HostCommand.run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", peer(container));
            HostCommand.run("ip", "link", "set", hostVeth, "master", network.bridge(), "up");
            PortRules.add(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterStart(Container container, int pid) {
        String prefix = "/" + network.parsedSubnet().prefix();
        // netlink: RTM_NEWLINK with IFLA_NET_NS_PID moves the link into init's namespace
        HostCommand.run("ip", "link", "set", peer(container), "netns", Integer.toString(pid));
        inContainer(pid, "ip", "link", "set", peer(container), "name", "eth0");
        inContainer(pid, "ip", "addr", "add", endpoint.address() + prefix, "dev", "eth0");
        inContainer(pid, "ip", "link", "set", "eth0", "up");
        inContainer(pid, "ip", "route", "add", "default", "via", network.gateway());
    }

    /** A foreground container has ended (or its start failed): the cable and the address go. */
    @Override
    public void cleanUp(Container container) {
        if (endpoint != null) {
            HostCommand.runQuietly("ip", "link", "del", endpoint.hostVeth());
        }
        release(dir);
    }

    /**
     * Gives the address in {@code dir}'s endpoint.json back to the IPAM, and
     * takes away its port rules and veth (a veth whose namespace died is
     * already gone, its peer with it). Under the network lock, as the
     * allocation is: the IPAM and the endpoints change together.
     */
    static void release(Path dir) {
        try (FileChannel lock = NetworkCommand.lock()) {
            releaseLocked(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file goes before the address: a kill in between leaves an address
     * taken that no container holds, never an address given back twice (the
     * second time it may be another container's).
     */
    private static void releaseLocked(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            reclaimOrphans(dir.getParent());
            return;
        }
        Stored old;
        try {
            old = read(dir);
        } catch (StateJson.Damaged e) {
            releaseDamaged(dir, e);
            return;
        }
        PortRules.delete(old);
        HostCommand.runQuietly("ip", "link", "del", old.hostVeth());
        Files.writeString(dir.resolve(LAST_ADDRESS), old.address() + "\n");
        Files.delete(file);
        ipam().release(Subnet.parse(old.subnet()), Subnet.parseAddress(old.address()));
    }

    /**
     * What a release killed between its file and its address left: an
     * address taken that no container's endpoint.json holds. Every address in
     * use has one, written under the same lock as its allocation, so the
     * others are given back — unless some endpoint.json cannot be read, whose
     * address then cannot be told from an orphan's: then nothing is.
     */
    private static void reclaimOrphans(Path containersDir) throws IOException {
        Map<Subnet, Set<Integer>> held = new HashMap<>();
        try (Stream<Path> dirs = Files.list(containersDir)) {
            for (Path endpoint :
                    dirs.map(d -> d.resolve(FILE)).filter(Files::exists).toList()) {
                Stored e;
                try {
                    e = read(endpoint.getParent());
                } catch (StateJson.Damaged damaged) {
                    return;
                }
                held.computeIfAbsent(Subnet.parse(e.subnet()), s -> new HashSet<>())
                        .add(Subnet.parseAddress(e.address()));
            }
        }
        Ipam ipam = ipam();
        for (Subnet subnet : ipam.subnets()) {
            try {
                ipam.keepOnly(subnet, held.getOrDefault(subnet, Set.of()));
            } catch (StateJson.Damaged damaged) {
                // said, with what to do, by the command that uses that network; it blocks no other
            }
        }
    }

    /**
     * A damaged endpoint.json cannot say what it held, but the container's ID
     * (its directory's name) can: the host veth and the port rules are named
     * after it. Only the address cannot be known: it stays taken until the
     * network is removed, which is said.
     */
    private static void releaseDamaged(Path dir, StateJson.Damaged damaged) throws IOException {
        String id = dir.getFileName().toString();
        PortRules.deleteAllOf(id);
        HostCommand.runQuietly("ip", "link", "del", hostVeth(id));
        Files.delete(dir.resolve(FILE));
        System.err.println("mydocker: warning: " + damaged.getMessage() + "; its port rules and veth are removed,"
                + " its address stays taken until its network is removed");
    }

    /**
     * The endpoint the container in {@code dir} holds now, if any; a damaged
     * file counts as none (its container's next start or removal says so).
     * Read under {@link NetworkCommand#lock()}, it is the network's present.
     */
    public static Optional<Stored> of(Path dir) {
        if (!Files.exists(dir.resolve(FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(dir));
        } catch (StateJson.Damaged e) {
            return Optional.empty();
        }
    }

    /** The container's endpoint as recorded; a damaged file is a {@link StateJson.Damaged} naming it. */
    static Stored read(Path dir) {
        String id = dir.getFileName().toString();
        return StateJson.read(
                dir.resolve(FILE),
                Stored.class,
                e -> id.equals(e.container())
                        && e.network() != null
                        && e.hostVeth() != null
                        && e.ports() != null
                        && !e.ports().contains(null)
                        && StateJson.parses(() -> Subnet.parse(e.subnet()))
                        && StateJson.parses(() -> Subnet.parseAddress(e.address())),
                "`mydocker rm -f " + id.substring(0, Math.min(12, id.length()))
                        + "` removes the container and its rules");
    }

    /**
     * The address the container had, which its next start asks for (Docker
     * keeps it when it can); only a wish, so an unreadable one is no wish.
     */
    private static OptionalInt lastAddress(Path dir) throws IOException {
        Path file = dir.resolve(LAST_ADDRESS);
        try {
            return Files.exists(file)
                    ? OptionalInt.of(Subnet.parseAddress(Files.readString(file)))
                    : OptionalInt.empty();
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    /** The host end of a container's cable, named after the container so it can be found without its file. */
    private static String hostVeth(String containerId) {
        return "mdv" + containerId.substring(0, 10);
    }

    /** The container's network namespace, the host's `ip`: nsenter(1) does setns(CLONE_NEWNET) and execs it. */
    private static void inContainer(int pid, String... command) {
        String[] line = new String[command.length + 4];
        line[0] = "nsenter";
        line[1] = "-t";
        line[2] = Integer.toString(pid);
        line[3] = "-n";
        System.arraycopy(command, 0, line, 4, command.length);
        HostCommand.run(line);
    }

    private static String peer(Container container) {
        return "mdp" + container.id().substring(0, 10);
    }

    private static Ipam ipam() {
        return new Ipam(Network.root().resolve("ipam"));
    }
}
