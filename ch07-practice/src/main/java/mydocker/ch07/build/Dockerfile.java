package mydocker.ch07.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile, read as Docker's parser reads one (the Dockerfile reference,
 * "Format"): parser directives at the very top ({@code # escape=`}; any other
 * is ignored, as {@code syntax} is here), then one instruction per line; a line
 * ending with the escape character continues on the next; comment lines
 * ({@code #} first) and blank lines go, also inside a continued instruction.
 * The first instruction must be FROM (ARG before it is refused here).
 */
public final class Dockerfile {
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([A-Za-z]+)\\s*=\\s*(\\S*)\\s*");

    private Dockerfile() {}

    public static List<Instruction> parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        char escape = '\\';
        int at = 0;
        for (; at < lines.length; at++) {
            Matcher directive = DIRECTIVE.matcher(lines[at].strip());
            if (!directive.matches()) {
                break;
            }
            if (directive.group(1).toLowerCase(Locale.ROOT).equals("escape")) {
                String value = directive.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new IllegalArgumentException(
                            "Dockerfile line " + (at + 1) + ": invalid escape '" + value + "': use \\ or `");
                }
                escape = value.charAt(0);
            }
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        for (; at < lines.length; at++) {
            String line = lines[at].strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = at + 1;
            }
            if (line.charAt(line.length() - 1) == escape) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line);
            instructions.add(instruction(pending.toString(), start, escape));
            pending = null;
        }
        if (pending != null) {
            instructions.add(instruction(pending.toString(), start, escape));
        }
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("the Dockerfile has no instructions");
        }
        if (!instructions.get(0).keyword().equals("FROM")) {
            throw new IllegalArgumentException(
                    "Dockerfile line " + instructions.get(0).line() + ": the first instruction must be FROM, not "
                            + instructions.get(0).keyword());
        }
        instructions.stream()
                .skip(1)
                .filter(i -> i.keyword().equals("FROM"))
                .findFirst()
                .ifPresent(i -> {
                    throw new IllegalArgumentException("Dockerfile line " + i.line()
                            + ": a second FROM: multi-stage builds are not supported here");
                });
        return List.copyOf(instructions);
    }

    private static Instruction instruction(String text, int line, char escape) {
        try {
            return Instruction.parse(text, line, escape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Dockerfile line " + line + ": " + e.getMessage(), e);
        }
    }
}
