package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The fd rule at execve (BOOK-NOTES, chapter 3): however busy the JVM's other
 * threads are opening files, the program that replaces it holds 0, 1 and 2
 * (ls's fd 3 is its own directory). Not root-only: it makes no namespace.
 */
class ExecveDescriptorsIT {
    @RepeatedTest(5)
    void nothingTheOtherThreadsOpenReachesTheProgram() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ExecveProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(probe.getInputStream().readAllBytes());
        probe.waitFor();
        assertEquals(
                List.of("0", "1", "2", "3"),
                out.lines().limit(10).toList(),
                out.lines().count() + " lines");
    }
}
