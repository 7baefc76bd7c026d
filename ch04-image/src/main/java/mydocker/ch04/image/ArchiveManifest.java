package mydocker.ch04.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code manifest.json} of a docker-save archive: one entry per image,
 * {@code [{"Config": "<id>.json", "RepoTags": ["busybox:latest"], "Layers":
 * ["<diff id>/layer.tar", ...]}]}, each name a member of the archive. Read
 * once at the edge into typed values, so a malformed manifest is one line
 * naming what is wrong.
 */
public record ArchiveManifest(List<Entry> entries) {
    public static final String MEMBER = "manifest.json";

    /** One image: its config's member, its tags (already parsed), its layers' members, bottom first. */
    public record Entry(String config, List<ImageReference> repoTags, List<String> layers) {}

    public static ArchiveManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("it is not valid JSON: " + Json.problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: never
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw invalid("it is not a list of images");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode image : root) {
            if (!image.path("Config").isTextual() || !image.path("Layers").isArray()) {
                throw invalid("an entry has no \"Config\" name or no \"Layers\" list");
            }
            List<ImageReference> tags = new ArrayList<>();
            for (JsonNode tag : image.path("RepoTags")) {
                tags.add(repoTag(tag));
            }
            List<String> layers = new ArrayList<>();
            for (JsonNode layer : image.path("Layers")) {
                if (!layer.isTextual()) {
                    throw invalid("a layer name is not a string: " + layer);
                }
                layers.add(layer.asText());
            }
            entries.add(new Entry(image.get("Config").asText(), List.copyOf(tags), List.copyOf(layers)));
        }
        return new ArchiveManifest(List.copyOf(entries));
    }

    private static ImageReference repoTag(JsonNode tag) {
        ImageReference ref;
        try {
            ref = tag.isTextual() ? ImageReference.parse(tag.asText()) : null;
        } catch (IllegalArgumentException e) {
            throw invalid("\"RepoTags\" entry " + tag + ": " + e.getMessage());
        }
        if (ref == null || ref.digest() != null) {
            throw invalid("\"RepoTags\" entry " + tag + " is not NAME:TAG");
        }
        return ref;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException(
                "the archive's " + MEMBER + " is not a docker-save manifest: " + why + " (nothing was loaded)");
    }

    /** The JSON {@code save} writes. */
    public byte[] toJson() {
        ArrayNode root = Json.MAPPER.createArrayNode();
        for (Entry entry : entries) {
            ObjectNode image = root.addObject();
            image.put("Config", entry.config());
            ArrayNode tags = image.putArray("RepoTags");
            entry.repoTags().forEach(t -> tags.add(t.toString()));
            ArrayNode layers = image.putArray("Layers");
            entry.layers().forEach(layers::add);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
