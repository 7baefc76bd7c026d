package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.InThisJvm;
import org.junit.jupiter.api.Test;

class CliTest {
    private String err;

    private int run(String... args) {
        Result r = InThisJvm.run(() -> Cli.run(new Main(), Main.COMMANDS, args, 1));
        err = r.stderr();
        return r.exitCode();
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
        Result help = InThisJvm.run(() -> Cli.run(new Main(), Main.COMMANDS, new String[] {"--help"}, 1));
        assertEquals(0, help.exitCode(), help::toString);
        for (String demo :
                new String[] {"uts", "ipc", "pid", "mount", "user", "net", "cgroup-memory", "cgroup-cpu", "overlay"}) {
            assertTrue(help.stdout().contains(demo), demo);
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
