package mydocker.ch03;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What the host knows of one container while it starts and runs: its ID
 * (64 hex digits, as Docker's) and its hostname (the ID's first 12 digits
 * unless --hostname says otherwise, as in Docker).
 */
public record Container(String id, String hostname) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Container withNewId(String hostname) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        return new Container(id, hostname != null ? hostname : id.substring(0, 12));
    }
}
