package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/**
 * Every error line ends with "See 'mydocker DEMO --help'": that hint must lead
 * somewhere. Each demo's {@code --help} exits 0 and prints its usage, and the
 * hint a demo's own error gives is a command that works.
 */
class DemoHelpTest {
    private String out;
    private String err;

    private int run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            return Cli.run(new Main(), Main.COMMANDS, args, 1);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    static Stream<String> demos() {
        return Main.COMMANDS.stream().map(c -> c.getAnnotation(Command.class).name());
    }

    @ParameterizedTest
    @MethodSource("demos")
    void helpPrintsTheDemosUsageAndExitsZero(String demo) {
        assertEquals(0, run(demo, "--help"), err);
        assertTrue(out.startsWith("Usage: mydocker " + demo + " "), out);
        assertEquals("", err);
    }

    @ParameterizedTest
    @MethodSource("demos")
    void theHintAfterABadFlagIsACommandThatWorks(String demo) {
        assertEquals(1, run(demo, "--bogus"));
        String hint = "See 'mydocker " + demo + " --help'.";
        assertTrue(err.contains(hint), err);
        assertEquals(0, run(demo, "--help"), err);
    }

    @Test
    void cgroupCpuWithoutALimitSaysWhatToGiveAndWhereToLook() {
        assertEquals(1, run("cgroup-cpu"));
        assertEquals(
                "mydocker: give --shares N and/or --cpuset-cpus LIST, e.g. cgroup-cpu --shares 512 --cpuset-cpus 0"
                        + " (see 'mydocker cgroup-cpu --help')\n",
                err);
        assertEquals(0, run("cgroup-cpu", "--help"), err);
        assertTrue(out.contains("--shares"), out);
    }
}
