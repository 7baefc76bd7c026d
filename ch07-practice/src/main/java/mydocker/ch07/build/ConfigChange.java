package mydocker.ch07.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile instructions that change only an image's settings
 * ({@link ImageSettings}), not its files: what {@code import --change} and a
 * build's metadata steps apply. Each reads its arguments as Docker's builder
 * does, variables ({@code $NAME}) replaced from the image's Env and the
 * build's ARGs.
 */
final class ConfigChange {
    /** What {@code docker import --change} and {@code docker commit --change} take (without ONBUILD, VOLUME). */
    static final Set<String> KEYWORDS = Set.of("CMD", "ENTRYPOINT", "ENV", "WORKDIR", "EXPOSE", "USER", "LABEL");

    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(?:/([A-Za-z]+))?");

    private ConfigChange() {}

    /** {@code settings} changed by {@code step} (one of {@link #KEYWORDS}); {@code vars} adds the build's ARGs. */
    static ImageSettings apply(Instruction step, ImageSettings settings, UnaryOperator<String> args) {
        UnaryOperator<String> vars = name -> {
            String value = settings.envValue(name);
            return value != null ? value : args.apply(name);
        };
        char escape = step.escape();
        return switch (step.keyword()) {
            case "CMD" -> settings.withCmd(step.command());
            case "ENTRYPOINT" -> settings.withEntrypoint(step.command());
            case "ENV" -> {
                ImageSettings changed = settings;
                for (Map.Entry<String, String> e : pairs(step, vars).entrySet()) {
                    changed = changed.withEnv(e.getKey(), e.getValue());
                }
                yield changed;
            }
            case "LABEL" -> {
                ImageSettings changed = settings;
                for (Map.Entry<String, String> e : pairs(step, vars).entrySet()) {
                    changed = changed.withLabel(e.getKey(), e.getValue());
                }
                yield changed;
            }
            case "WORKDIR" ->
                settings.withWorkingDir(workingDir(settings.workingDir(), Words.one(step.arguments(), escape, vars)));
            case "USER" -> settings.withUser(nonEmpty(step, Words.one(step.arguments(), escape, vars)));
            case "EXPOSE" -> {
                ImageSettings changed = settings;
                for (String port : Words.split(step.arguments(), escape, vars)) {
                    changed = changed.withExposedPort(port(port));
                }
                yield changed;
            }
            default -> throw new IllegalArgumentException(step.keyword() + " does not change an image's settings");
        };
    }

    /**
     * ENV's and LABEL's {@code key=value ...}, or the old {@code key value}
     * form (one pair, the value the rest of the line).
     */
    private static Map<String, String> pairs(Instruction step, UnaryOperator<String> vars) {
        List<String> words = Words.split(step.arguments(), step.escape(), vars);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!words.get(0).contains("=")) {
            String rest = step.arguments()
                    .strip()
                    .substring(step.arguments().strip().split("\\s+", 2)[0].length());
            if (rest.isBlank()) {
                throw new IllegalArgumentException(step.keyword() + " must have two arguments: " + step);
            }
            pairs.put(words.get(0), Words.one(rest, step.escape(), vars));
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(step.keyword() + " names '" + word + "': give KEY=VALUE pairs, e.g. "
                        + step.keyword() + " A=1 B=\"two words\"");
            }
            pairs.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return pairs;
    }

    /** Relative to the last WORKDIR, as Docker's; always absolute and without {@code ..}. */
    private static String workingDir(String current, String given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("WORKDIR requires a path");
        }
        Path base = Path.of(current.isEmpty() ? "/" : current);
        return base.resolve(given).normalize().toString();
    }

    /** Docker's {@code PORT[/PROTOCOL]}, as ExposedPorts keys it: {@code 80/tcp}. */
    static String port(String text) {
        Matcher m = PORT.matcher(text);
        int port = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        String protocol = m.matches() && m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : "tcp";
        if (port < 1 || port > 65535 || !Set.of("tcp", "udp", "sctp").contains(protocol)) {
            throw new IllegalArgumentException(
                    "EXPOSE " + text + ": give PORT[/tcp|udp|sctp], the port from 1 to 65535 (no ranges here)");
        }
        return port + "/" + protocol;
    }

    private static String nonEmpty(Instruction step, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(step.keyword() + " requires a value");
        }
        return value;
    }
}
