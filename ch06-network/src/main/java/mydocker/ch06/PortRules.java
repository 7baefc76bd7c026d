package mydocker.ch06;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch04.image.Json;
import mydocker.ch05.Containers;

/**
 * The iptables rules behind {@code -p HOST:CTR} (book 6.5), three per port,
 * each tagged {@code mydocker:<container>:<port>}:
 * <pre>
 *   nat PREROUTING   -p P --dport HOST -m addrtype --dst-type LOCAL -j DNAT --to IP:CTR   from other machines
 *   nat OUTPUT       -p P --dport HOST -m addrtype --dst-type LOCAL -j DNAT --to IP:CTR   from the host itself, 127.0.0.1 too
 *   nat POSTROUTING  -p P -s 127.0.0.0/8 -d IP --dport CTR -j MASQUERADE                  so the reply to 127.0.0.1 comes back
 * </pre>
 * Only the published port is forwarded; nothing else of the container is exposed.
 */
final class PortRules {
    private PortRules() {
    }

    /** All of them or, if one fails, none. */
    static void add(Endpoint.Stored endpoint) {
        try {
            rules("-A", endpoint).forEach(HostCommand::run);
        } catch (RuntimeException e) {
            delete(endpoint);
            throw e;
        }
    }

    static void delete(Endpoint.Stored endpoint) {
        rules("-D", endpoint).forEach(HostCommand::runQuietly);
    }

    static List<String[]> rules(String action, Endpoint.Stored endpoint) {
        List<String[]> rules = new ArrayList<>();
        for (String spec : endpoint.ports()) {
            PortMapping p = PortMapping.parse(spec);
            String tag = "mydocker:" + endpoint.container().substring(0, 12) + ":" + p.hostPort();
            String to = endpoint.address() + ":" + p.containerPort();
            for (String chain : List.of("PREROUTING", "OUTPUT")) {
                rules.add(new String[] {"iptables", "-w", "-t", "nat", action, chain, "-p", p.protocol(),
                        "--dport", Integer.toString(p.hostPort()), "-m", "addrtype", "--dst-type", "LOCAL",
                        "-j", "DNAT", "--to-destination", to, "-m", "comment", "--comment", tag});
            }
            rules.add(new String[] {"iptables", "-w", "-t", "nat", action, "POSTROUTING", "-p", p.protocol(),
                    "-s", "127.0.0.0/8", "-d", endpoint.address(), "--dport", Integer.toString(p.containerPort()),
                    "-j", "MASQUERADE", "-m", "comment", "--comment", tag});
        }
        return rules;
    }

    /** A port another container publishes, or a host program listens on, is refused before anything starts. */
    static void checkFree(List<PortMapping> ports, String containerId) throws IOException {
        for (PortMapping wanted : ports) {
            try (Stream<Path> dirs = Files.isDirectory(Containers.root()) ? Files.list(Containers.root()) : Stream.empty()) {
                for (Path file : dirs.map(d -> d.resolve(Endpoint.FILE)).filter(Files::exists).toList()) {
                    Endpoint.Stored other = Json.MAPPER.readValue(file.toFile(), Endpoint.Stored.class);
                    if (!other.container().equals(containerId) && other.ports().stream().map(PortMapping::parse)
                            .anyMatch(p -> p.hostPort() == wanted.hostPort() && p.protocol().equals(wanted.protocol()))) {
                        throw new IllegalStateException("port " + wanted.hostPort() + "/" + wanted.protocol()
                                + " is already published by container " + other.container().substring(0, 12));
                    }
                }
            }
            if (wanted.protocol().equals("tcp") && listening(wanted.hostPort())) {
                throw new IllegalStateException("port " + wanted.hostPort() + "/tcp is in use on this host: choose another");
            }
        }
    }

    /** A LISTEN socket (state 0A) on the port in /proc/net/tcp or tcp6. */
    private static boolean listening(int port) throws IOException {
        String hex = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+"); // sl local_address rem_address st ...
                if (f.length > 3 && f[1].endsWith(hex) && f[3].equals("0A")) {
                    return true;
                }
            }
        }
        return false;
    }
}
