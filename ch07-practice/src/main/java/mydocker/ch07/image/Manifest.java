package mydocker.ch07.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mydocker.ch04.image.Json;

/**
 * One image's manifest (OCI image manifest, or Docker's v2 schema 2 one, the
 * same shape): {@code {"schemaVersion": 2, "mediaType", "config": DESCRIPTOR,
 * "layers": [DESCRIPTOR, ...]}}, layers bottom first. Parsed from untrusted
 * bytes: only an image this engine can run passes (a container config and
 * layers it can unpack), anything else is one line naming the field.
 */
public record Manifest(
        MediaType mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
    /** The largest manifest or index read: the registry's own limit (distribution's 4 MiB). */
    public static final int MAX_BYTES = 4 << 20;

    private static final String WHAT = "image manifest";

    public Manifest {
        if (!mediaType.isManifest()) {
            throw new IllegalArgumentException("mediaType " + mediaType + " is not an image manifest's");
        }
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    /** An OCI manifest with no annotations. */
    public Manifest(Descriptor config, List<Descriptor> layers) {
        this(MediaType.OCI_MANIFEST, config, layers, Map.of());
    }

    public static Manifest parse(byte[] bytes) {
        try {
            return read(JsonFields.object(bytes, MAX_BYTES, WHAT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + WHAT + ": " + e.getMessage(), e);
        }
    }

    private static Manifest read(JsonNode root) {
        JsonFields.schemaVersion2(root, "");
        // The OCI spec lets the field be absent (its type comes from the descriptor); Docker's always has it.
        String declared = JsonFields.optionalText(root, "mediaType", "");
        MediaType mediaType = declared == null ? MediaType.OCI_MANIFEST : new MediaType(declared);
        if (mediaType.isIndex() || root.has("manifests")) {
            throw new IllegalArgumentException("it is an image index (a list of manifests), not a manifest");
        }
        if (!mediaType.isManifest()) {
            throw JsonFields.invalid("", "mediaType", "is " + mediaType + ", not an image manifest's");
        }
        Descriptor config = Descriptor.parse(root.path("config"), "config");
        if (!config.mediaType().isConfig()) {
            throw JsonFields.invalid(
                    "config", "mediaType", "is " + config.mediaType() + ": not a container image (an artifact?)");
        }
        JsonNode layers = root.path("layers");
        if (!layers.isArray()) {
            throw JsonFields.invalid("", "layers", layers.isMissingNode() ? "is missing" : "is not a list");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String path = "layers[" + i + "]";
            Descriptor layer = Descriptor.parse(layers.get(i), path);
            if (layer.mediaType().isForeignLayer()) {
                throw JsonFields.invalid(
                        path,
                        "mediaType",
                        "is " + layer.mediaType() + ": a foreign layer, whose bytes are not in the image;"
                                + " mydocker does not fetch them from the URLs an image names");
            }
            if (layer.mediaType().layerCompression().isEmpty()) {
                throw JsonFields.invalid(
                        path, "mediaType", "is " + layer.mediaType() + ", not a layer tar (plain, gzip or zstd)");
            }
            out.add(layer);
        }
        return new Manifest(mediaType, config, out, JsonFields.strings(root, "annotations", ""));
    }

    /** The manifest as JSON: the bytes whose digest its descriptor carries. */
    public byte[] toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType.value());
        config.write(root.putObject("config"));
        ArrayNode array = root.putArray("layers");
        layers.forEach(layer -> layer.write(array.addObject()));
        JsonFields.putStrings(root, "annotations", annotations);
        return JsonFields.bytes(root);
    }
}
