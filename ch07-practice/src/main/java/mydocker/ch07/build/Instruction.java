package mydocker.ch07.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mydocker.ch04.image.Json;

/**
 * One Dockerfile instruction: its keyword (upper case), its arguments as
 * written (continuations joined), the line it starts on, and the escape
 * character of its Dockerfile. How each keyword reads its arguments is
 * Docker's: the JSON ("exec") form or the shell form.
 */
public record Instruction(String keyword, String arguments, int line, char escape) {
    /** The keywords this builder runs (Docker's, without ONBUILD, VOLUME, HEALTHCHECK, SHELL, STOPSIGNAL). */
    static final Set<String> KEYWORDS = Set.of(
            "FROM", "RUN", "COPY", "ADD", "ENV", "WORKDIR", "EXPOSE", "CMD", "ENTRYPOINT", "USER", "LABEL", "ARG");

    /** {@code KEYWORD args} as one line (an {@code import --change}'s), with Docker's escape character. */
    public static Instruction parse(String text, int line, char escape) {
        String stripped = text.strip();
        int blank = 0;
        while (blank < stripped.length() && !Character.isWhitespace(stripped.charAt(blank))) {
            blank++;
        }
        String keyword = stripped.substring(0, blank).toUpperCase(Locale.ROOT);
        if (!KEYWORDS.contains(keyword)) {
            throw new IllegalArgumentException(
                    "unknown instruction: " + (keyword.isEmpty() ? "(none)" : stripped.substring(0, blank)));
        }
        String arguments = stripped.substring(blank).strip();
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException(keyword + " requires at least one argument");
        }
        return new Instruction(keyword, arguments, line, escape);
    }

    /**
     * The JSON form {@code ["a", "b"]} if the arguments are one, else null (the
     * shell form): as Docker, text that starts with {@code [} but is not a JSON
     * list of strings is the shell form.
     */
    List<String> jsonForm() {
        if (!arguments.startsWith("[")) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(arguments);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                return null;
            }
            list.add(n.asText());
        }
        return list;
    }

    /** A command: the JSON form as is, the shell form run by {@code /bin/sh -c} (Docker's default SHELL). */
    List<String> command() {
        List<String> json = jsonForm();
        return json != null ? json : List.of("/bin/sh", "-c", arguments);
    }

    /** How {@code docker history} shows it, and how Docker's builder writes it in the image's history. */
    @Override
    public String toString() {
        return keyword + " " + arguments;
    }
}
