package mydocker.ch07.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mydocker.ch04.image.Json;

/**
 * {@code inspect --format}: the part of Go's templates that scripts use
 * with docker inspect — text with {@code {{.Field.Sub}}} and
 * {@code {{json .Field}}} in it. Anything else between braces is refused by
 * name, not printed wrong.
 */
final class InspectTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern FIELD = Pattern.compile("\\s*(json\\s+)?(\\.|(?:\\.[A-Za-z0-9_]+)+)\\s*");
    private final String template;

    private InspectTemplate(String template) {
        this.template = template;
    }

    /** Checked once, before anything is looked up. */
    static InspectTemplate parse(String template) {
        Matcher action = ACTION.matcher(template);
        while (action.find()) {
            if (!FIELD.matcher(action.group(1)).matches()) {
                throw new IllegalArgumentException("--format: {{" + action.group(1)
                        + "}} is not supported here: give {{.Field.Sub}} or {{json .Field}}");
            }
        }
        return new InspectTemplate(template);
    }

    String apply(JsonNode object) {
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (action.find()) {
            Matcher field = FIELD.matcher(action.group(1));
            field.matches();
            JsonNode value = object;
            if (!field.group(2).equals(".")) {
                for (String name : field.group(2).substring(1).split("\\.")) {
                    value = value.path(name);
                }
            }
            action.appendReplacement(out, Matcher.quoteReplacement(text(value, field.group(1) != null)));
        }
        action.appendTail(out);
        return out.toString();
    }

    /** As Go prints it: a string as it is, a missing field as {@code <no value>}; json: the JSON. */
    private static String text(JsonNode value, boolean json) {
        if (value.isMissingNode()) {
            return json ? "null" : "<no value>";
        }
        if (!json && value.isValueNode()) {
            return value.asText();
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
