package mydocker.ch06;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** One of our DNAT rules as `iptables -S` prints it: protocol, host port, the publishing container's short ID. */
    private static final Pattern PUBLISHED =
            Pattern.compile("^-A PREROUTING -p (\\S+) .*--dport (\\d+) .*\"mydocker:([0-9a-f]{12}):\\d+\"");

    private PortRules() {}

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

    /**
     * Every port rule of container {@code id}, found by the tag each carries
     * ({@code mydocker:<id12>:<port>}): for an endpoint whose file is damaged.
     */
    static void deleteAllOf(String id) {
        String tag = "\"mydocker:" + id.substring(0, Math.min(12, id.length())) + ":";
        for (String chain : List.of("PREROUTING", "OUTPUT", "POSTROUTING")) {
            for (String rule : HostCommand.lines("iptables", "-w", "-t", "nat", "-S", chain)) {
                if (rule.startsWith("-A ") && rule.contains(tag)) {
                    List<String> delete = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-D"));
                    delete.addAll(words(rule.substring(3)));
                    HostCommand.runQuietly(delete.toArray(String[]::new));
                }
            }
        }
    }

    /** The words of a rule as `iptables -S` prints it, a quoted comment as one word without its quotes. */
    static List<String> words(String rule) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(rule);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    static List<String[]> rules(String action, Endpoint.Stored endpoint) {
        List<String[]> rules = new ArrayList<>();
        for (PortMapping p : endpoint.ports()) {
            String tag = "mydocker:" + endpoint.container().substring(0, 12) + ":" + p.hostPort();
            String to = endpoint.address() + ":" + p.containerPort();
            for (String chain : List.of("PREROUTING", "OUTPUT")) {
                rules.add(new String[] {
                    "iptables",
                    "-w",
                    "-t",
                    "nat",
                    action,
                    chain,
                    "-p",
                    p.protocol(),
                    "--dport",
                    Integer.toString(p.hostPort()),
                    "-m",
                    "addrtype",
                    "--dst-type",
                    "LOCAL",
                    "-j",
                    "DNAT",
                    "--to-destination",
                    to,
                    "-m",
                    "comment",
                    "--comment",
                    tag
                });
            }
            rules.add(new String[] {
                "iptables",
                "-w",
                "-t",
                "nat",
                action,
                "POSTROUTING",
                "-p",
                p.protocol(),
                "-s",
                "127.0.0.0/8",
                "-d",
                endpoint.address(),
                "--dport",
                Integer.toString(p.containerPort()),
                "-j",
                "MASQUERADE",
                "-m",
                "comment",
                "--comment",
                tag
            });
        }
        return rules;
    }

    /**
     * A port another container publishes, or a host program listens on, is
     * refused before anything starts. Who publishes what is read from the
     * host's own DNAT rules, by their tags: the truth for every container on
     * this host, whatever root it was started from, and also for one whose
     * endpoint.json is damaged.
     */
    static void checkFree(List<PortMapping> ports, String containerId) throws IOException {
        List<String> rules = HostCommand.lines("iptables", "-w", "-t", "nat", "-S", "PREROUTING");
        for (PortMapping wanted : ports) {
            for (String rule : rules) {
                Matcher m = PUBLISHED.matcher(rule);
                if (m.find()
                        && m.group(1).equals(wanted.protocol())
                        && Integer.parseInt(m.group(2)) == wanted.hostPort()
                        && !containerId.startsWith(m.group(3))) {
                    throw new IllegalStateException("port " + wanted.hostPort() + "/" + wanted.protocol()
                            + " is already published by container " + m.group(3));
                }
            }
            if (wanted.protocol().equals("tcp") && listening(wanted.hostPort())) {
                throw new IllegalStateException(
                        "port " + wanted.hostPort() + "/tcp is in use on this host: choose another");
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
