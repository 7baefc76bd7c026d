package mydocker.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commands README.md and BOOK-NOTES.md tell a reader to type. The rule:
 *
 * <ol>
 *   <li>every line of a fenced block opened with {@code ```sh} is shell;</li>
 *   <li>outside fenced blocks, an inline {@code `code`} span is shell when it
 *       starts with {@code ./mydocker }, {@code MYDOCKER_CHAPTER=} or
 *       {@code NAME=$(./mydocker } (in a table cell {@code \|} is a pipe); other
 *       spans (file names, output, commands typed inside a container, the
 *       launcher's bare name {@code ./mydocker} in prose) are not;</li>
 *   <li>each simple command of that shell (split at {@code ;}, {@code &&},
 *       {@code |}, and the inside of {@code $(…)}) is one {@link DocCommand}.</li>
 * </ol>
 *
 * So a placeholder such as {@code ./mydocker run …} may not be written as code:
 * what the docs show as a command must work as written, copy-pasted.
 */
final class DocCommands {
    static final List<String> FILES = List.of("README.md", "BOOK-NOTES.md");

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern SHELL_SPAN =
            Pattern.compile("^(\\./mydocker |MYDOCKER_CHAPTER=|\\w+=\\$\\(\\./mydocker )");

    private DocCommands() {}

    /** The project's root: the folder of the launcher, above this module. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mydocker")) ? here : here.getParent();
    }

    /** The chapter {@code ./mydocker} runs when MYDOCKER_CHAPTER is not set: the newest one here. */
    static String newestChapter() {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("ch\\d\\d-.*"))
                    .map(n -> n.substring(0, 4))
                    .max(String::compareTo)
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DocCommand> all() {
        List<DocCommand> all = new ArrayList<>();
        for (String file : FILES) {
            all.addAll(in(file));
        }
        return all;
    }

    static List<DocCommand> in(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DocCommand> found = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file + ":" + (i + 1);
            if (line.startsWith("```")) {
                fence = fence == null ? line.substring(3).strip() : null;
            } else if ("sh".equals(fence)) {
                found.addAll(commands(where, line));
            } else if (fence == null) {
                var spans = INLINE_CODE.matcher(line);
                while (spans.find()) {
                    String span = spans.group(1);
                    if (SHELL_SPAN.matcher(span).find()) {
                        found.addAll(commands(where, line.startsWith("|") ? span.replace("\\|", "|") : span));
                    }
                }
            }
        }
        return found;
    }

    private static List<DocCommand> commands(String where, String shell) {
        List<ShellSnippet.Command> commands = ShellSnippet.commands(shell);
        List<DocCommand> found = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            boolean exitCodeShown =
                    i + 1 < commands.size() && commands.get(i + 1).words().equals(List.of("echo", "$?"));
            found.add(DocCommand.of(where, commands.get(i), exitCodeShown));
        }
        return found;
    }

    /**
     * One command of the docs: where it is written, its text, and — when it
     * runs a chapter's program, through {@code ./mydocker} or
     * {@code mvn -pl :chNN exec:java} — that chapter and the arguments it gets.
     * {@code exitCodeShown}: the docs follow it with {@code echo $?}, to show
     * an exit code that need not be 0.
     */
    record DocCommand(
            String where,
            ShellSnippet.Command command,
            Map<String, String> env,
            String program,
            String chapter,
            List<String> args,
            boolean exitCodeShown) {

        static DocCommand of(String where, ShellSnippet.Command command, boolean exitCodeShown) {
            List<String> words = command.words();
            Map<String, String> env = new HashMap<>();
            int i = 0;
            for (; i < words.size() && words.get(i).matches("\\w+=.*"); i++) {
                int eq = words.get(i).indexOf('=');
                env.put(words.get(i).substring(0, eq), words.get(i).substring(eq + 1));
            }
            if (i < words.size() && words.get(i).equals("sudo")) {
                i++;
            }
            if (i == words.size()) {
                return new DocCommand(where, command, env, null, null, List.of(), exitCodeShown);
            }
            String program = words.get(i);
            List<String> rest = words.subList(i + 1, words.size());
            if (program.equals("./mydocker")) {
                String chapter = env.getOrDefault("MYDOCKER_CHAPTER", newestChapter());
                return new DocCommand(where, command, env, program, chapter, List.copyOf(rest), exitCodeShown);
            }
            int pl = rest.indexOf("-pl");
            if (program.equals("mvn") && rest.contains("exec:java") && pl >= 0) {
                String chapter = rest.get(pl + 1).replaceFirst("^:", "");
                List<String> args = rest.stream()
                        .filter(w -> w.startsWith("-Dexec.args="))
                        .flatMap(w -> ShellSnippet.commands(w.substring("-Dexec.args=".length())).stream())
                        .flatMap(c -> c.words().stream())
                        .toList();
                return new DocCommand(where, command, env, program, chapter, args, exitCodeShown);
            }
            return new DocCommand(where, command, env, program, null, List.copyOf(rest), exitCodeShown);
        }

        /** Whether it runs a chapter's program (else it is another program: a script, mvn, a tool). */
        boolean runsAChapter() {
            return chapter != null;
        }

        @Override
        public String toString() {
            return where + ": " + command.text();
        }
    }
}
