package mydocker.ch07.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One entry of an image config's {@code history} (OCI image spec): how one
 * step made the image. {@code emptyLayer} says the step added no layer (a
 * metadata-only Dockerfile instruction), so the entries with a layer line up
 * with {@code rootfs.diff_ids}, bottom first.
 */
public record HistoryEntry(Instant created, String createdBy, String comment, boolean emptyLayer) {
    static HistoryEntry read(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an image config: a history entry is not an object: " + node);
        }
        Instant created = Instant.EPOCH;
        if (node.hasNonNull("created")) {
            try {
                created = Instant.parse(node.get("created").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "not an image config: history \"created\" is not a time: " + node.get("created"), e);
            }
        }
        return new HistoryEntry(
                created,
                node.path("created_by").asText(""),
                node.path("comment").asText(""),
                node.path("empty_layer").asBoolean(false));
    }

    void writeTo(ObjectNode node) {
        node.put("created", created.toString());
        if (!createdBy.isEmpty()) {
            node.put("created_by", createdBy);
        }
        if (!comment.isEmpty()) {
            node.put("comment", comment);
        }
        if (emptyLayer) {
            node.put("empty_layer", true);
        }
    }
}
