package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SelfExecTest {
    @Test
    void jdk17GetsNoUnsafeFlagItWouldRejectJdk25Does() {
        assertFalse(SelfExec.jvmOptions(17).contains("--sun-misc-unsafe-memory-access=allow"));
        assertTrue(SelfExec.jvmOptions(25).contains("--sun-misc-unsafe-memory-access=allow"));
        assertTrue(SelfExec.jvmOptions(17).contains("--enable-native-access=ALL-UNNAMED"));
    }

    @Test
    void theLauncherPassesTheSameOptions() throws Exception {
        String launcher = Files.readString(Path.of("../mydocker"));
        for (String option : SelfExec.jvmOptions(25)) {
            assertTrue(launcher.contains(option), "./mydocker lacks " + option);
        }
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
