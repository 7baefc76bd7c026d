package mydocker.ch07.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content address, {@code sha256:<64 lowercase hex>}: the only digest this
 * engine takes. Blobs are found by it ({@code blobs/sha256/<hex>} in an OCI
 * layout, {@code /v2/NAME/blobs/<digest>} in a registry), so a checked digest
 * is also a safe file name: nothing an image says can make a path from it.
 */
public record Digest(String value) {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    public static final String ALGORITHM = "sha256";

    public Digest {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    (value == null ? "null" : "\"" + value + "\"") + " is not a digest of the form sha256:<64 hex>");
        }
    }

    public static Digest parse(String text) {
        return new Digest(text);
    }

    /** The digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        return fromHash(sha256().digest(bytes));
    }

    /** The digest a finished {@link #sha256()} computed. */
    public static Digest fromHash(byte[] hash) {
        return new Digest(ALGORITHM + ":" + HexFormat.of().formatHex(hash));
    }

    /** A fresh SHA-256, for digesting a blob as it streams past. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The 64 hex digits: the blob's file name in a layout. */
    public String hex() {
        return value.substring(ALGORITHM.length() + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
