package mydocker.ch07.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A context's {@code .dockerignore}, as Docker reads it: one pattern a line
 * ({@code *}, {@code ?}, {@code [..]} within a name, {@code **} across
 * directories), {@code #} comments, {@code !} letting back in what an
 * earlier line left out. A path is left out when the last pattern that
 * matches it, or one of its parent directories, is not a {@code !} one.
 */
final class DockerIgnore {
    /** One line: its matchers (a leading {@code **}{@code /} also matches at the top) and whether it lets back in. */
    private record Rule(List<PathMatcher> matchers, boolean letsBackIn) {
        boolean matches(Path relative) {
            for (Path at = relative; at != null; at = at.getParent()) {
                for (PathMatcher m : matchers) {
                    if (m.matches(at)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final long MAX_SIZE = 1 << 20;
    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore read(Path file) throws IOException {
        List<Rule> rules = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new DockerIgnore(rules);
        }
        if (Files.size(file) > MAX_SIZE) {
            throw new IllegalArgumentException(file + " is larger than 1 MiB");
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean letsBackIn = pattern.startsWith("!");
            pattern = Path.of("/", letsBackIn ? pattern.substring(1).strip() : pattern)
                    .normalize()
                    .toString()
                    .substring(1);
            if (pattern.isEmpty()) {
                continue;
            }
            List<PathMatcher> matchers = new ArrayList<>();
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                if (pattern.startsWith("**/")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        ".dockerignore: bad pattern '" + line.strip() + "': " + e.getMessage());
            }
            rules.add(new Rule(matchers, letsBackIn));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** {@code relative}: a path inside the context, relative to its top. */
    boolean excludes(Path relative) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.matches(relative)) {
                excluded = !rule.letsBackIn();
            }
        }
        return excluded;
    }
}
