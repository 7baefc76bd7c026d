package mydocker.ch03;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What the host knows of one container while it starts and runs: its ID
 * (64 hex digits, as Docker's), its hostname (the ID's first 12 digits
 * unless --hostname says otherwise, as in Docker; null: keep the one the
 * UTS namespace starts with) and its {@link Namespaces}.
 */
public record Container(String id, String hostname, Namespaces namespaces) {
    /** A container in book 3.2's namespaces. */
    public Container(String id, String hostname) {
        this(id, hostname, Namespaces.CONTAINER);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A DNS label or dotted name within sethostname(2)'s 64 bytes, as Docker accepts. */
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Refuses a --hostname the kernel would refuse or a resolver could not use (an empty one included). */
    public static void checkHostname(String hostname) {
        if (!HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("invalid --hostname '" + hostname + "': use 1 to 64 letters, digits,"
                    + " '-', '_' and '.', starting with a letter or digit");
        }
    }

    public static Container withNewId(String hostname) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        return new Container(id, hostname != null ? hostname : id.substring(0, 12));
    }
}
