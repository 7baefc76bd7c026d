package mydocker.ch07.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.Json;

/**
 * An image config read whole — chapter 4's {@link ImageConfig} knows its ID,
 * layers, Cmd and Env; this view adds the rest of its {@code config}
 * ({@link ImageSettings}) and its {@code history} — and the next config made
 * from it: the same JSON with new settings, one more history entry and maybe
 * one more layer. Fields this view does not know (another tool's) are kept.
 */
public final class FullImageConfig {
    private final ImageConfig config;
    private final ObjectNode root;
    private final ImageSettings settings;
    private final List<HistoryEntry> history;

    private FullImageConfig(ImageConfig config, ObjectNode root) {
        this.config = config;
        this.root = root;
        this.settings = ImageSettings.read(root.path("config"));
        List<HistoryEntry> entries = new ArrayList<>();
        JsonNode list = root.path("history");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw new IllegalArgumentException("not an image config: history is not a list");
        }
        list.forEach(n -> entries.add(HistoryEntry.read(n)));
        this.history = List.copyOf(entries);
    }

    /** The config of chapter 4 (its bytes already checked there), read whole. */
    public static FullImageConfig of(ImageConfig config) {
        try {
            return new FullImageConfig(config, (ObjectNode) Json.MAPPER.readTree(config.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsed once already by ImageConfig
        }
    }

    /** The config of an image with no layer (a build {@code FROM scratch}, an {@code import}'s start). */
    public static FullImageConfig empty() {
        return of(ImageConfig.create(List.of(), List.of(), List.of()));
    }

    public ImageConfig config() {
        return config;
    }

    public ImageSettings settings() {
        return settings;
    }

    public List<HistoryEntry> history() {
        return history;
    }

    /**
     * The config of the image one step makes from this one: {@code settings},
     * this history and {@code step}, and the layer {@code diffId} on top (null
     * for a step that adds none). Created when the step was.
     */
    public FullImageConfig next(ImageSettings settings, HistoryEntry step, String diffId) {
        ObjectNode next = root.deepCopy();
        next.put("created", step.created().toString());
        settings.writeTo(next.withObjectProperty("config"));
        // the entries as they were (another tool's fields too), then this step's
        ArrayNode entries = next.path("history").isArray() ? (ArrayNode) next.get("history") : next.putArray("history");
        step.writeTo(entries.addObject());
        if (diffId != null) {
            ObjectNode rootfs = next.withObjectProperty("rootfs");
            rootfs.put("type", "layers");
            ArrayNode ids = rootfs.withArrayProperty("diff_ids");
            ids.add(diffId);
        }
        try {
            return new FullImageConfig(ImageConfig.parse(Json.MAPPER.writeValueAsBytes(next)), next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
