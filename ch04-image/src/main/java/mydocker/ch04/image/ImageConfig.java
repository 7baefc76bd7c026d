package mydocker.ch04.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An image's config, in the format of the OCI image spec and docker save:
 * {@code {"architecture", "os", "created", "config": {"Cmd", "Env"},
 * "rootfs": {"type": "layers", "diff_ids": [...]}}}. Its ID is the sha256 of
 * the exact bytes, so they are kept as they were written or loaded.
 */
public record ImageConfig(byte[] bytes, List<String> cmd, List<String> env, Instant created, List<String> diffIds) {
    public static ImageConfig parse(byte[] bytes) {
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            JsonNode config = root.path("config");
            return new ImageConfig(bytes, strings(config.path("Cmd")), strings(config.path("Env")),
                    root.hasNonNull("created") ? Instant.parse(root.get("created").asText()) : Instant.EPOCH,
                    strings(root.path("rootfs").path("diff_ids")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an image config: " + e.getMessage(), e);
        }
    }

    /** A new config for layers {@code diffIds} (bottom first). */
    public static ImageConfig create(List<String> cmd, List<String> env, List<String> diffIds) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", architecture());
        root.put("os", "linux");
        root.put("created", Instant.now().toString());
        ObjectNode config = root.putObject("config");
        cmd.forEach(config.putArray("Cmd")::add);
        env.forEach(config.putArray("Env")::add);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        try {
            return parse(Json.MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:<64 hex>} of the config's bytes. */
    public String id() {
        return sha256(bytes);
    }

    /** {@code sha256:<hex>} of {@code bytes}: a digest in the form image configs use. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** GOARCH names, as image configs use them. */
    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
