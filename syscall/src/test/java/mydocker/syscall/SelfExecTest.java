package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import mydocker.syscall.fixture.RecordedChapter;
import org.junit.jupiter.api.Test;

class SelfExecTest {
    /** The build's file, read here on its own: its first line names the JDK, the rest are options. */
    private static List<String> written() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target/classes/mydocker/syscall/jvm-options.txt"));
        assertEquals("# JDK " + Runtime.version().feature(), lines.get(0).split(":")[0], "the build's JDK");
        return lines.stream()
                .skip(1)
                .flatMap(line -> Arrays.stream(line.strip().split(" ")))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    @Test
    void theCommandCarriesTheOptionsTheBuildWrote() throws IOException {
        List<String> options = written();
        List<String> command = SelfExec.command(RecordedChapter.class, "init");
        assertEquals(options, command.subList(1, 1 + options.size()), command::toString);
        assertTrue(options.contains("-Xlog:disable"), "the JVM must not show through on a container's stdout");
        assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"));
        assertEquals(
                Runtime.version().feature() >= 23,
                options.contains("--sun-misc-unsafe-memory-access=allow"),
                "JDK 23+ needs it, JDK 17 refuses it: " + options);
        assertEquals(
                List.of(
                        "-cp",
                        ownCode() + ":/deps/jnr-ffi.jar:/deps/picocli.jar",
                        RecordedChapter.class.getName(),
                        "init"),
                command.subList(command.size() - 4, command.size()));
    }

    private static String ownCode() {
        return Path.of("target/test-classes").toAbsolutePath().toString();
    }

    @Test
    void theLauncherNamesTheInitArchiveAsSelfExecLooksForIt() throws Exception {
        String launcher = Files.readString(Path.of("../mydocker"));
        assertTrue(launcher.contains("init-jdk$feature.$kind"), "./mydocker names init archives differently");
        assertTrue(SelfExec.initArchiveName(17).equals("init-jdk17.jsa"));
        assertTrue(SelfExec.initArchiveName(25).equals("init-jdk25.aot"));
    }

    @Test
    void withoutARecordedClasspathItSaysToBuildFirst() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> SelfExec.command(SelfExecTest.class, "init"));
        assertTrue(e.getMessage().contains("build the chapter first"), e.getMessage());
    }
}
