package mydocker.ch07.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pointer to a blob, as manifests and indexes hold them: its media type, its
 * digest and its size, which the blob's bytes must match exactly (OCI image
 * spec, "Content Descriptors"), plus annotations and, in an index, the platform
 * of the image it points at.
 */
public record Descriptor(
        MediaType mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {
    /** The annotation an OCI layout's index.json names an image by: a tag, or a full NAME:TAG. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("a descriptor's size is negative: " + size);
        }
        annotations = Map.copyOf(annotations);
    }

    /** A descriptor with no annotations and no platform. */
    public Descriptor(MediaType mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null);
    }

    /** The descriptor of {@code bytes} as a blob of type {@code mediaType}. */
    public static Descriptor of(MediaType mediaType, byte[] bytes) {
        return new Descriptor(mediaType, Digest.of(bytes), bytes.length);
    }

    /** The {@code org.opencontainers.image.ref.name} annotation, if there is one. */
    public Optional<String> refName() {
        return Optional.ofNullable(annotations.get(REF_NAME));
    }

    public Descriptor withAnnotations(Map<String, String> more) {
        return new Descriptor(mediaType, digest, size, more, platform);
    }

    static Descriptor parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw JsonFields.invalid(path, "", "is not a descriptor object: " + JsonFields.show(node));
        }
        MediaType mediaType = new MediaType(JsonFields.text(node, "mediaType", path));
        String digestText = JsonFields.text(node, "digest", path);
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(path, "digest", e.getMessage());
        }
        JsonNode size = node.path("size");
        if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw JsonFields.invalid(path, "size", "is " + JsonFields.show(size) + ", not a byte count");
        }
        JsonNode platform = node.path("platform");
        return new Descriptor(
                mediaType,
                digest,
                size.longValue(),
                JsonFields.strings(node, "annotations", path),
                platform.isMissingNode() || platform.isNull()
                        ? null
                        : Platform.parse(platform, JsonFields.join(path, "platform")));
    }

    void write(ObjectNode node) {
        node.put("mediaType", mediaType.value());
        node.put("digest", digest.value());
        node.put("size", size);
        JsonFields.putStrings(node, "annotations", annotations);
        if (platform != null) {
            platform.write(node.putObject("platform"));
        }
    }
}
