package mydocker.ch04.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an image config: " + Json.problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: never
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not an image config: not a JSON object");
        }
        JsonNode config = root.path("config");
        Instant created;
        try {
            created = root.hasNonNull("created")
                    ? Instant.parse(root.get("created").asText())
                    : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not an image config: \"created\" is not a time: " + root.get("created"), e);
        }
        List<String> diffIds = strings(root.path("rootfs").path("diff_ids"));
        for (String diffId : diffIds) {
            if (!diffId.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "not an image config: diff_id '" + diffId + "' is not a sha256 digest");
            }
        }
        return new ImageConfig(bytes, strings(config.path("Cmd")), strings(config.path("Env")), created, diffIds);
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
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
