package mydocker.ch06;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Book 6.4: a network is a Linux bridge with the gateway address on it, IP
 * forwarding on, and one NAT rule, so containers on it reach beyond the host
 * with the host's address. Each piece has its undo; the rule carries a
 * comment naming the network, so it is ours to find and to delete.
 */
final class BridgeDriver {
    static final String NAME = "bridge";

    private BridgeDriver() {
    }

    /** Makes the bridge and its rule; on a failure half way, removes what it made. */
    static void create(Network network) {
        try {
            // netlink: RTM_NEWLINK with IFLA_INFO_KIND "bridge"
            HostCommand.run("ip", "link", "add", "name", network.bridge(), "type", "bridge");
            // netlink: RTM_NEWADDR on the bridge
            HostCommand.run("ip", "addr", "add", network.gateway() + "/" + network.parsedSubnet().prefix(),
                    "dev", network.bridge());
            // netlink: RTM_NEWLINK with IFF_UP
            HostCommand.run("ip", "link", "set", network.bridge(), "up");
            Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
            // Lets packets from 127.0.0.1 be routed out of this bridge, so that a port
            // published with -p answers on 127.0.0.1 too; it goes with the bridge.
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", network.bridge(), "route_localnet"), "1");
            HostCommand.run(natRule("-A", network));
        } catch (Exception e) {
            delete(network);
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Removes the rule and the bridge, whichever of them exist. */
    static void delete(Network network) {
        HostCommand.runQuietly(natRule("-D", network));
        HostCommand.runQuietly("ip", "link", "del", network.bridge());
    }

    /**
     * MASQUERADE for the subnet leaving through any interface but its own
     * bridge: traffic between containers on the bridge keeps its addresses.
     */
    static String[] natRule(String action, Network network) {
        return new String[] {"iptables", "-w", "-t", "nat", action, "POSTROUTING", "-s", network.subnet(),
                "!", "-o", network.bridge(), "-j", "MASQUERADE", "-m", "comment", "--comment",
                "mydocker:" + network.name()};
    }
}
