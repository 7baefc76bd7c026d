package mydocker.ch07.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Which machines an image runs on, as an index's descriptors name it:
 * {@code {"os": "linux", "architecture": "amd64", "variant": "v8"}}, in Go's
 * GOOS/GOARCH names. A multi-platform image is an index with one manifest per
 * platform; {@link #HOST} is the one this engine picks.
 */
public record Platform(String os, String architecture, String variant) {
    /** The platform of this machine: Linux on the JVM's architecture, in GOARCH names. */
    public static final Platform HOST = new Platform("linux", goArch(System.getProperty("os.arch")), null);

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
    }

    static Platform parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw JsonFields.invalid(path, "", "is not an object: " + JsonFields.show(node));
        }
        return new Platform(
                JsonFields.text(node, "os", path),
                JsonFields.text(node, "architecture", path),
                JsonFields.optionalText(node, "variant", path));
    }

    void write(ObjectNode node) {
        node.put("architecture", architecture);
        node.put("os", os);
        if (variant != null) {
            node.put("variant", variant);
        }
    }

    /**
     * Whether an image built for {@code image} runs on this platform: same OS
     * and architecture, and a variant this one has (none named is the base one:
     * {@code v1} for amd64, {@code v8} for arm64, as containerd normalises them).
     */
    public boolean runs(Platform image) {
        return os.equals(image.os)
                && architecture.equals(image.architecture)
                && Objects.equals(baseVariant(variant), baseVariant(image.variant));
    }

    private String baseVariant(String v) {
        boolean base = v == null
                || v.isEmpty()
                || architecture.equals("amd64") && v.equals("v1")
                || architecture.equals("arm64") && v.equals("v8");
        return base ? null : v;
    }

    /** GOARCH names, as image configs and indexes use them. */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
