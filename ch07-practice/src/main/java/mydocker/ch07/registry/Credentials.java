package mydocker.ch07.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password for one registry, as {@code login} was given them. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("a registry user name must be non-empty and without ':'");
        }
    }

    /** {@code base64(user:password)}: config.json's {@code auth} and HTTP Basic's credentials alike. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Credentials decode(String auth, String where) {
        String plain;
        try {
            plain = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": \"auth\" is not base64: log in again", e);
        }
        int colon = plain.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(where + ": \"auth\" is not USER:PASSWORD: log in again");
        }
        return new Credentials(plain.substring(0, colon), plain.substring(colon + 1));
    }

    /** Never the password, should a record be printed. */
    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
