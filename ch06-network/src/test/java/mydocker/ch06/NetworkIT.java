package mydocker.ch06;

import static mydocker.syscall.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Book 6.4 for real: a bridge network's bridge, address and NAT rule, made and removed. */
@Privileged
@ExtendWith(RestoresIpForward.class)
class NetworkIT {
    /** In 172.29/16, which hosts seldom route; no other test class uses 172.29.71-72. */
    private static final String SUBNET = "172.29.71.0/24";

    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingOfOursIsLeft() throws Exception {
        mydocker.run("network", "rm", "itnet");
        assertFalse(Host.run("ip", "-o", "link").contains("mdbr"), "a bridge is left");
        assertFalse(Host.run("iptables", "-w", "-t", "nat", "-S").contains("mydocker:"), "a NAT rule is left");
    }

    @Test
    void createMakesABridgeWithTheGatewayAndOneNatRuleAndRmTakesThemAway() throws Exception {
        String id = mydocker.ok("network", "create", "--subnet", SUBNET, "itnet")
                .stdout()
                .strip();
        String bridge = Network.bridgeName(mydocker.dataRoot().resolve("network"), "itnet");
        String addr = Host.run("ip", "-o", "-4", "addr", "show", "dev", bridge);
        assertTrue(addr.contains("inet 172.29.71.1/24"), addr);
        assertTrue(Host.run("ip", "-o", "link", "show", "dev", bridge).contains("UP"), "the bridge is up");
        assertEquals(
                "1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
        List<String> rules = Host.run("iptables", "-w", "-t", "nat", "-S", "POSTROUTING")
                .lines()
                .filter(l -> l.contains("mydocker:itnet"))
                .toList();
        assertEquals(
                List.of("-A POSTROUTING -s 172.29.71.0/24 ! -o " + bridge
                        + " -m comment --comment \"mydocker:itnet\" -j MASQUERADE"),
                rules);
        List<String> ls = mydocker.ok("network", "ls").stdout().lines().toList();
        assertTrue(ls.get(1).matches(id.substring(0, 12) + " +itnet +bridge +172\\.29\\.71\\.0/24"), ls::toString);
        assertTrue(mydocker.ok("network", "inspect", "itnet").stdout().contains("\"bridge\" : \"" + bridge + "\""));

        assertEquals("itnet\n", mydocker.ok("network", "rm", "itnet").stdout());
        assertFalse(Host.run("ip", "-o", "link").contains(bridge));
        assertEquals(
                "NETWORK ID   NAME   DRIVER   SUBNET\n",
                mydocker.ok("network", "ls").stdout());
    }

    /**
     * The book's spellings: a subnet written as the bridge's address (its
     * bridge_test.go has 192.168.0.1/24; this subnet is one no other test
     * uses), `network list` and `network remove`.
     */
    @Test
    void theBooksSpellingsWork() throws Exception {
        mydocker.ok("network", "create", "--subnet", "172.29.75.9/24", "itnet");
        String bridge = Network.bridgeName(mydocker.dataRoot().resolve("network"), "itnet");
        String addr = Host.run("ip", "-o", "-4", "addr", "show", "dev", bridge);
        assertTrue(addr.contains("inet 172.29.75.9/24"), "the address given is the gateway: " + addr);
        assertTrue(
                Host.run("iptables", "-w", "-t", "nat", "-S", "POSTROUTING")
                        .contains("-s 172.29.75.0/24 ! -o " + bridge),
                "the rule is for the subnet");
        assertTrue(mydocker.ok("network", "inspect", "itnet").stdout().contains("\"gateway\" : \"172.29.75.9\""));
        List<String> list = mydocker.ok("network", "list").stdout().lines().toList();
        assertTrue(list.get(1).matches("\\p{XDigit}{12} +itnet +bridge +172\\.29\\.75\\.0/24"), list::toString);
        assertEquals("itnet\n", mydocker.ok("network", "remove", "itnet").stdout());
        assertFalse(Host.run("ip", "-o", "link").contains(bridge), "remove took the bridge");
    }

    @Test
    void badInputIsOneLineAnd125AndMakesNothing() throws Exception {
        String route = Host.run("ip", "-4", "route", "show")
                .lines()
                .filter(l -> l.contains("/") && !l.contains("mdbr"))
                .findFirst()
                .orElseThrow(); // a route of the host's own, e.g. its LAN
        mydocker.ok("network", "create", "--subnet", SUBNET, "itnet");
        String hostSubnet = route.split(" ")[0];
        assertOneLine(
                mydocker.run("network", "create", "--subnet", "172.29.71.0", "x"),
                "mydocker: invalid subnet '172.29.71.0': expected CIDR like 172.30.0.0/24");
        assertOneLine(
                mydocker.run("network", "create", "--subnet", "172.29.72.0/31", "x"),
                "mydocker: invalid subnet '172.29.72.0/31': the prefix must be /8 to /30 (a /30 has room for one container)");
        assertOneLine(
                mydocker.run("network", "create", "--subnet", "172.29.71.128/25", "x"),
                "mydocker: subnet 172.29.71.128/25 overlaps network itnet (172.29.71.0/24)");
        assertOneLine(
                mydocker.run("network", "create", "--subnet", hostSubnet, "x"),
                "mydocker: subnet " + hostSubnet + " overlaps a route of this host: " + route.strip());
        assertOneLine(
                mydocker.run("network", "create", "--subnet", "172.29.73.0/24", "itnet"),
                "mydocker: network with name itnet already exists");
        assertOneLine(
                mydocker.run("network", "create", "-d", "overlay", "--subnet", "172.29.74.0/24", "x"),
                "mydocker: unknown driver 'overlay': mydocker has the bridge driver");
        assertOneLine(
                mydocker.run("network", "rm", "nosuch"),
                "mydocker: network nosuch not found (see `mydocker network ls`)");
        // A name is never a path: nothing outside the network directory is read or removed through one.
        Path victim = Files.writeString(mydocker.dataRoot().resolve("network/victim.json"), "{}");
        for (String command : List.of("rm", "inspect")) {
            assertOneLine(
                    mydocker.run("network", command, "../victim"),
                    "mydocker: invalid network name '../victim': use letters, digits, _ . -");
        }
        assertTrue(Files.exists(victim), "network rm deleted a file outside its directory");
        Files.delete(victim);
        assertEquals(1, mydocker.ok("network", "ls").stdout().lines().count() - 1, "only itnet");
        assertEquals(
                1,
                Host.run("ip", "-o", "link")
                        .lines()
                        .filter(l -> l.contains("mdbr"))
                        .count(),
                "only itnet's bridge");
    }
}
