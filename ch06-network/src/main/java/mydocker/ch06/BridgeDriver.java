package mydocker.ch06;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Book 6.4: a network is a Linux bridge with the gateway address on it, IP
 * forwarding on, and one NAT rule, so containers on it reach beyond the host
 * with the host's address. Each piece has its undo; the rule carries a
 * comment naming the network, so it is ours to find and to delete.
 */
final class BridgeDriver {
    static final String NAME = "bridge";

    private BridgeDriver() {}

    /** Makes the bridge and its rule; on a failure half way, removes what it made. */
    static void create(Network network) {
        try {
            // netlink: RTM_NEWLINK with IFLA_INFO_KIND "bridge"
            HostCommand.run("ip", "link", "add", "name", network.bridge(), "type", "bridge");
            // netlink: RTM_NEWADDR on the bridge
            HostCommand.run(
                    "ip",
                    "addr",
                    "add",
                    network.gateway() + "/" + network.parsedSubnet().prefix(),
                    "dev",
                    network.bridge());
            // netlink: RTM_NEWLINK with IFF_UP
            HostCommand.run("ip", "link", "set", network.bridge(), "up");
            Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
            // Lets packets from 127.0.0.1 be routed out of this bridge, so that a port
            // published with -p answers on 127.0.0.1 too; it goes with the bridge.
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", network.bridge(), "route_localnet"), "1");
            HostCommand.run(natRule("-A", network.subnet(), network.bridge(), network.name()));
        } catch (Exception e) {
            delete(network);
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Removes the rule and the bridge, whichever of them exist. */
    static void delete(Network network) {
        HostCommand.runQuietly(natRule("-D", network.subnet(), network.bridge(), network.name()));
        HostCommand.runQuietly("ip", "link", "del", network.bridge());
    }

    /**
     * Removes what a network called {@code name} has on the host when its file
     * cannot tell (a `network create` killed before it wrote the file, or a
     * damaged file): its bridge, found by {@link Network#bridgeName}, and
     * every NAT rule out of that bridge. Says what it found: the subnets they
     * were for, whose IPAM state goes too.
     */
    static Leftovers deleteByName(String name) {
        String bridge = Network.bridgeName(name);
        boolean found = exists(bridge);
        Set<Subnet> subnets = new LinkedHashSet<>();
        Pattern ours = Pattern.compile("-s (\\S+) ! -o " + Pattern.quote(bridge) + " ");
        for (String rule : HostCommand.lines("iptables", "-w", "-t", "nat", "-S", "POSTROUTING")) {
            Matcher m = ours.matcher(rule);
            if (m.find()) {
                HostCommand.runQuietly(natRule("-D", m.group(1), bridge, name));
                subnets.add(Subnet.parse(m.group(1)));
                found = true;
            }
        }
        if (exists(bridge)) {
            // "4: mdbr…    inet 172.30.0.1/24 brd … scope global mdbr…": the gateway, so the subnet
            Matcher m = Pattern.compile(" inet (\\S+)/(\\d+) ")
                    .matcher(HostCommand.run("ip", "-o", "-4", "addr", "show", "dev", bridge));
            while (m.find()) {
                int prefix = Integer.parseInt(m.group(2));
                subnets.add(new Subnet(Subnet.parseAddress(m.group(1)) & Subnet.mask(prefix), prefix));
            }
            HostCommand.runQuietly("ip", "link", "del", bridge);
        }
        return new Leftovers(found, subnets);
    }

    record Leftovers(boolean found, Set<Subnet> subnets) {}

    static boolean exists(String link) {
        return Files.exists(Path.of("/sys/class/net", link));
    }

    /**
     * MASQUERADE for the subnet leaving through any interface but its own
     * bridge: traffic between containers on the bridge keeps its addresses.
     */
    static String[] natRule(String action, String subnet, String bridge, String name) {
        return new String[] {
            "iptables",
            "-w",
            "-t",
            "nat",
            action,
            "POSTROUTING",
            "-s",
            subnet,
            "!",
            "-o",
            bridge,
            "-j",
            "MASQUERADE",
            "-m",
            "comment",
            "--comment",
            "mydocker:" + name
        };
    }
}
