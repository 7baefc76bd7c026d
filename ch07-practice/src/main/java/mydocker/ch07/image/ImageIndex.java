package mydocker.ch07.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mydocker.ch04.image.Json;

/**
 * An image index (OCI) or manifest list (Docker v2 schema 2):
 * {@code {"schemaVersion": 2, "mediaType", "manifests": [DESCRIPTOR, ...]}}.
 * It is what a multi-platform image is (one manifest per platform, each
 * descriptor naming its platform) and what an OCI layout's {@code index.json}
 * is (one entry per image, named by {@link Descriptor#REF_NAME}). An entry may
 * itself be an index: whoever follows them bounds the depth.
 */
public record ImageIndex(MediaType mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    private static final String WHAT = "image index";

    public ImageIndex {
        if (!mediaType.isIndex()) {
            throw new IllegalArgumentException("mediaType " + mediaType + " is not an image index's");
        }
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    /** An OCI index with no annotations. */
    public ImageIndex(List<Descriptor> manifests) {
        this(MediaType.OCI_INDEX, manifests, Map.of());
    }

    public static ImageIndex parse(byte[] bytes) {
        try {
            return read(JsonFields.object(bytes, Manifest.MAX_BYTES, WHAT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + WHAT + ": " + e.getMessage(), e);
        }
    }

    private static ImageIndex read(JsonNode root) {
        JsonFields.schemaVersion2(root, "");
        String declared = JsonFields.optionalText(root, "mediaType", "");
        MediaType mediaType = declared == null ? MediaType.OCI_INDEX : new MediaType(declared);
        if (!mediaType.isIndex()) {
            throw JsonFields.invalid("", "mediaType", "is " + mediaType + ", not an image index's");
        }
        JsonNode manifests = root.path("manifests");
        if (!manifests.isArray()) {
            throw JsonFields.invalid("", "manifests", manifests.isMissingNode() ? "is missing" : "is not a list");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            out.add(Descriptor.parse(manifests.get(i), "manifests[" + i + "]"));
        }
        return new ImageIndex(mediaType, out, JsonFields.strings(root, "annotations", ""));
    }

    /**
     * The entry to follow for an image on {@code host}: the first manifest or
     * index whose platform it runs, else the first with no platform named (a
     * layout's single image). Entries of other types (signatures, attestations)
     * and other platforms are passed over, as {@code docker pull} does.
     */
    public Optional<Descriptor> select(Platform host) {
        Optional<Descriptor> forHost = images().stream()
                .filter(d -> d.platform() != null && host.runs(d.platform()))
                .findFirst();
        return forHost.isPresent()
                ? forHost
                : images().stream().filter(d -> d.platform() == null).findFirst();
    }

    /** The platforms the index has images for, for an error line when none is the host's. */
    public List<String> platforms() {
        return images().stream()
                .map(d -> d.platform() == null ? "unnamed" : d.platform().toString())
                .toList();
    }

    private List<Descriptor> images() {
        return manifests.stream()
                .filter(d -> d.mediaType().isManifest() || d.mediaType().isIndex())
                .toList();
    }

    /** The index as JSON. */
    public byte[] toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType.value());
        ArrayNode array = root.putArray("manifests");
        manifests.forEach(d -> d.write(array.addObject()));
        JsonFields.putStrings(root, "annotations", annotations);
        return JsonFields.bytes(root);
    }
}
