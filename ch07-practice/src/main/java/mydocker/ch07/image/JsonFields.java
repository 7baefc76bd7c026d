package mydocker.ch07.image;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import mydocker.ch04.image.Json;

/**
 * Reading the fields of untrusted image JSON (manifests, indexes, descriptors)
 * with errors that name the field by its path ({@code layers[2].size}), so a
 * bad document is one line saying which field is wrong and how.
 */
final class JsonFields {
    private JsonFields() {}

    /** The document as an object, or an error naming what it should have been. */
    static JsonNode object(byte[] bytes, int maxBytes, String what) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(
                    "the " + what + " is " + bytes.length + " bytes, more than the " + maxBytes + " an image's is");
        }
        JsonNode root;
        try {
            // A key twice ("layers": [...], "layers": [...]) is refused: parsers that keep the first and
            // those that keep the last would see two different images behind one digest.
            root = Json.MAPPER
                    .reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the " + what + " is not valid JSON: " + Json.problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: never
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the " + what + " is not a JSON object");
        }
        return root;
    }

    /** {@code "schemaVersion": 2}, the only version of both image formats. */
    static void schemaVersion2(JsonNode root, String what) {
        JsonNode version = root.path("schemaVersion");
        if (!version.isInt() || version.intValue() != 2) {
            throw invalid(what, "schemaVersion", "is " + show(version) + ", not 2");
        }
    }

    static String text(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (!node.isTextual()) {
            throw invalid(path, name, node.isMissingNode() ? "is missing" : "is not a string: " + show(node));
        }
        return node.textValue();
    }

    /** An optional string: null when absent. */
    static String optionalText(JsonNode parent, String name, String path) {
        return parent.path(name).isMissingNode() || parent.path(name).isNull() ? null : text(parent, name, path);
    }

    /** An optional {@code {"key": "value"}} map (annotations): empty when absent. */
    static Map<String, String> strings(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(path, name, "is not an object of strings: " + show(node));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw invalid(path, name + "." + field.getKey(), "is not a string: " + show(field.getValue()));
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return out;
    }

    static void putStrings(ObjectNode parent, String name, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode node = parent.putObject(name);
            values.forEach(node::put);
        }
    }

    static IllegalArgumentException invalid(String path, String field, String why) {
        return new IllegalArgumentException(join(path, field) + " " + why);
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A JSON value for an error line, cut short: it came from outside and may be huge. */
    static String show(JsonNode node) {
        String text = node.isMissingNode() ? "missing" : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    static byte[] bytes(ObjectNode root) {
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree we built: never
        }
    }
}
