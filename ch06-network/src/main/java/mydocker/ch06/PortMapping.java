package mydocker.ch06;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code -p HOST:CONTAINER[/tcp|udp]}: a host port forwarded to a container's port (book 6.5). */
public record PortMapping(int hostPort, int containerPort, String protocol) {
    private static final Pattern SPEC = Pattern.compile("(\\d+):(\\d+)(?:/(\\w+))?");

    /** What every mapping is, however it was made (a flag, or read back from a file). */
    public PortMapping {
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("port mapping " + hostPort + ":" + containerPort + " is out of range");
        }
        if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
            throw new IllegalArgumentException("port mapping protocol " + protocol + " is not tcp or udp");
        }
    }

    public static PortMapping parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "invalid -p '" + spec + "': expected HOST:CONTAINER[/tcp|udp], e.g. -p 8080:80");
        }
        int host = port(spec, m.group(1));
        int container = port(spec, m.group(2));
        String protocol = m.group(3) == null ? "tcp" : m.group(3);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException(
                    "invalid -p '" + spec + "': unknown protocol '" + protocol + "' (tcp or udp)");
        }
        return new PortMapping(host, container, protocol);
    }

    /**
     * Every {@code -p} of one `run`. A host port (with its protocol, after the
     * default tcp) forwards to one place: given twice, the second DNAT rule
     * would never be reached, so it is refused, as Docker refuses it.
     */
    public static List<PortMapping> parseAll(List<String> specs) {
        Map<String, String> firstSpec = new HashMap<>();
        List<PortMapping> all = new ArrayList<>();
        for (String spec : specs) {
            PortMapping p = parse(spec);
            String hostPort = p.hostPort() + "/" + p.protocol();
            String earlier = firstSpec.putIfAbsent(hostPort, spec);
            if (earlier != null) {
                throw new IllegalArgumentException("invalid -p '" + spec + "': host port " + hostPort
                        + " is already published by -p '" + earlier + "' (a host port forwards to one container port)");
            }
            all.add(p);
        }
        return all;
    }

    private static int port(String spec, String digits) {
        int port = digits.length() > 5 ? 0 : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "invalid -p '" + spec + "': port " + digits + " is out of range (1-65535)");
        }
        return port;
    }

    /** {@code 0.0.0.0:8080->80/tcp}, as Docker's `ps` shows a published port. */
    String published() {
        return "0.0.0.0:" + hostPort + "->" + containerPort + "/" + protocol;
    }

    @Override
    public String toString() {
        return hostPort + ":" + containerPort + "/" + protocol;
    }
}
