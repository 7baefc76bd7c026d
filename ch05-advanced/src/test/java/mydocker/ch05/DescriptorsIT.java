package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.syscall.Descriptors;
import mydocker.syscall.HostProcesses;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fd rule for chapter 5's ways into a container (BOOK-NOTES, chapters 3
 * and 5): a detached container's first process and an exec'd command hold
 * exactly 0, 1 and 2 (or the terminal), read from the host in /proc/PID/fd.
 * Before the rule, exec's command held ~30 of the CLI JVM's descriptors: its
 * jars, the JDK's modules file, a socket, writable through /proc/self/fd.
 */
@Privileged
class DescriptorsIT {
    @RegisterExtension
    static final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    @AfterEach
    void removeEverything() {
        assertEquals(List.of(), engine.removeAllAndListLeftovers(Set.of()));
    }

    private static String[] args(List<String> first, List<String> command) {
        return Stream.concat(first.stream(), command.stream()).toArray(String[]::new);
    }

    @Test
    void aDetachedContainersCommandHoldsDevNullAndItsLog() throws Exception {
        List<String> sleep = HostProcesses.uniqueSleep(300);
        String id =
                engine.ok(args(List.of("run", "-d", "busybox"), sleep)).stdout().strip();
        long container = HostProcesses.awaitOne(sleep);
        String log = engine.dataRoot()
                .resolve("containers")
                .resolve(id)
                .resolve(DetachedStart.LOG)
                .toString();
        assertEquals(Map.of("0", "/dev/null", "1", log, "2", log), Descriptors.ofSleeper(container));
    }

    @Test
    void anExecdCommandHoldsDevNullAndTheClisStdoutAndStderr() throws Exception {
        engine.ok("run", "-d", "--name", "fds", "busybox", "sleep", "300");
        List<String> sleep = HostProcesses.uniqueSleep(301);
        Descriptors.assertDevNullAndTheClis(engine.start(args(List.of("exec", "fds"), sleep)), sleep);
    }

    @Test
    void withATerminalAnExecdCommandHoldsExactlyTheTerminal() throws Exception {
        engine.ok("run", "-d", "--name", "fds", "busybox", "sleep", "300");
        List<String> sleep = HostProcesses.uniqueSleep(302);
        Descriptors.assertOneTerminal(engine.startOnTerminal(args(List.of("exec", "-it", "fds"), sleep)), sleep);
    }
}
