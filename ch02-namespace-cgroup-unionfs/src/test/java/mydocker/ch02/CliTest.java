package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliTest {
    private String err;

    private int run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return Cli.run(new Main(), Main.COMMANDS, args, 1);
        } finally {
            System.setErr(saved);
            err = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void unknownDemoIsOneLinePlusWhereToLook() {
        assertEquals(1, run("nosuchdemo"));
        assertTrue(err.startsWith("mydocker: Unmatched argument at index 0: 'nosuchdemo'"), err);
        assertTrue(err.contains("See 'mydocker --help'."), err);
    }

    @Test
    void unknownFlagNamesTheFlag() {
        assertEquals(1, run("uts", "--bogus"));
        assertTrue(err.contains("Unknown option: '--bogus'"), err);
    }

    @Test
    void helpListsEveryDemo() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Cli.run(new Main(), Main.COMMANDS, new String[] {"--help"}, 1));
        } finally {
            System.setOut(saved);
        }
        for (String demo :
                new String[] {"uts", "ipc", "pid", "mount", "user", "net", "cgroup-memory", "cgroup-cpu", "overlay"}) {
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(demo), demo);
        }
    }

    @Test
    void aSubcommandAfterTheDebugFlagIsStillFoundAndItsErrorsNamed() {
        assertEquals(1, run("-D", "uts", "--bogus"));
        assertTrue(err.contains("Unknown option: '--bogus'"), err);
        assertTrue(err.contains("See 'mydocker uts --help'."), err);
    }

    @Test
    void aMisspeltSubcommandIsReportedAgainstTheWholeProgram() {
        assertEquals(1, run("-D", "ust"));
        assertTrue(err.contains("mydocker: Unmatched argument at index 1: 'ust'. See 'mydocker --help'."), err);
    }
}
