package mydocker.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code run --help} from chapter 4 on reads as Docker's
 * ({@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}), IMAGE is a parameter of
 * its own, and no help text speaks of chapter 3 outside chapter 3.
 */
class RunHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"ch04", "ch05", "ch06", "ch07", "ch08"})
    void runsUsageIsDockersWithImageItsOwnParameter(String chapter) throws Exception {
        ParseResult parsed = ChapterModel.of(chapter).parse("run", "--rm", "busybox", "sh", "-c", "echo $$");
        String usage = parsed.subcommand().commandSpec().commandLine().getUsageMessage();
        assertTrue(usage.startsWith("Usage: mydocker run [OPTIONS] IMAGE [COMMAND [ARG...]]\n"), usage);
        assertFalse(usage.contains("chapter 3"), usage);
        List<PositionalParamSpec> words = parsed.subcommand().matchedPositionals();
        assertEquals("IMAGE", words.get(0).paramLabel());
        assertEquals("busybox", words.get(0).getValue());
        assertEquals(List.of("sh", "-c", "echo $$"), words.get(1).getValue());
    }

    @Test
    void chapter3sRunTakesACommandAndSaysWhyRmChangesNothing() throws Exception {
        ParseResult parsed = ChapterModel.of("ch03").parse("run", "--rm", "sh", "-c", "echo $$");
        String usage = parsed.subcommand().commandSpec().commandLine().getUsageMessage();
        assertTrue(usage.contains("[COMMAND...]"), usage);
        String description = String.join(
                " ", parsed.subcommand().commandSpec().usageMessage().description());
        assertTrue(description.contains("so --rm changes nothing here"), description);
        assertTrue(usage.contains("sh -c 'echo $$'"), usage);
        assertEquals(
                List.of("sh", "-c", "echo $$"),
                parsed.subcommand().matchedPositionals().get(0).getValue());
    }
}
