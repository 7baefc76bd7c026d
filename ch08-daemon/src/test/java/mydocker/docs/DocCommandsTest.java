package mydocker.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.docs.DocCommands.DocCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every command README.md and BOOK-NOTES.md show (which ones: {@link DocCommands})
 * works as written on a fresh clone, as far as can be checked without running
 * it: the chapter it runs exists, that chapter's own picocli model (its
 * {@code Main}: {@link ChapterModel}) accepts the subcommand and
 * every option, an IMAGE is one that exists (busybox, or one the docs make),
 * and a script it names is there. {@code DocCommandsIT} runs the safe ones.
 */
class DocCommandsTest {
    @TestFactory
    Stream<DynamicTest> everyChapterCommandParsesInThatChapter() {
        Set<String> images = imagesTheDocsMake();
        return DocCommands.all().stream()
                .filter(DocCommand::runsAChapter)
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> parsesInItsChapter(c, images)));
    }

    @TestFactory
    Stream<DynamicTest> everyScriptTheDocsRunIsThere() {
        return DocCommands.all().stream()
                .filter(c ->
                        !c.runsAChapter() && c.program() != null && c.program().contains("/"))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    Path script = DocCommands.root().resolve(c.program());
                    assertTrue(Files.isExecutable(script), c + ": no executable " + script);
                }));
    }

    /** The rule finds commands in both files and in every chapter's table: it has not silently stopped matching. */
    @Test
    void theDocsHaveCommandsForEveryChapter() {
        for (String file : DocCommands.FILES) {
            assertTrue(DocCommands.in(file).stream().anyMatch(DocCommand::runsAChapter), file);
        }
        Set<String> chapters = new HashSet<>();
        DocCommands.all().stream().filter(DocCommand::runsAChapter).forEach(c -> chapters.add(c.chapter()));
        assertEquals(Set.of("ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08"), chapters);
    }

    @Test
    void theRuleReadsQuotesSubstitutionsAndTablePipesAsBashDoes() {
        List<ShellSnippet.Command> commands = ShellSnippet.commands(
                "id=$(./mydocker run busybox sh -c 'echo a; hostname'); ./mydocker commit \"$id\" x # note");
        assertEquals(
                List.of("./mydocker", "run", "busybox", "sh", "-c", "echo a; hostname"),
                commands.get(0).words());
        assertEquals(List.of("id=$(…)"), commands.get(1).words());
        assertEquals("./mydocker commit \"$id\" x", commands.get(2).text());
        assertTrue(commands.get(2).expands());
        assertEquals(3, commands.size());
        DocCommand mvn = DocCommand.of(
                "here",
                ShellSnippet.commands("mvn -q -pl :ch02 exec:java -Dexec.args=\"pid -c 'echo \\$\\$'\"")
                        .get(0),
                false);
        assertEquals("ch02", mvn.chapter());
        assertEquals(List.of("pid", "-c", "echo $$"), mvn.args());
    }

    private static void parsesInItsChapter(DocCommand command, Set<String> images) throws Exception {
        String chapter = command.chapter();
        assertTrue(
                chapter.matches("ch\\d\\d") && Files.isDirectory(chapterFolder(chapter)),
                command + ": there is no chapter '" + chapter + "'");
        String[] args = command.args().toArray(String[]::new);
        ParseResult parsed;
        try {
            parsed = ChapterModel.of(chapter).parse(args);
        } catch (ParameterException e) {
            fail(command + ": " + chapter + " refuses it: " + e.getMessage());
            return;
        }
        if (!parsed.hasSubcommand()) {
            assertTrue(parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested(), command + ": no subcommand");
            return;
        }
        for (PositionalParamSpec p : parsed.subcommand().matchedPositionals()) {
            if (p.paramLabel().equals("IMAGE") && !command.command().expands()) {
                Object value = p.getValue(); // run's one IMAGE, or the list of save's and rmi's
                for (Object image : value instanceof Collection<?> list ? list : List.of(value)) {
                    assertTrue(
                            images.contains(image),
                            command + ": no image '" + image + "' (busybox is built in; others must be made first)");
                }
            }
        }
    }

    private static Path chapterFolder(String chapter) throws Exception {
        try (Stream<Path> folders = Files.list(DocCommands.root())) {
            return folders.filter(p -> p.getFileName().toString().startsWith(chapter + "-"))
                    .findFirst()
                    .orElse(Path.of("/nonexistent"));
        }
    }

    /** busybox (built in) and every image a documented {@code commit CONTAINER IMAGE} makes. */
    private static Set<String> imagesTheDocsMake() {
        Set<String> images = new HashSet<>(Set.of("busybox"));
        for (DocCommand c : DocCommands.all()) {
            List<String> args = c.args();
            if (c.runsAChapter() && !args.isEmpty() && args.contains("commit")) {
                images.add(args.get(args.size() - 1));
            }
        }
        return images;
    }
}
