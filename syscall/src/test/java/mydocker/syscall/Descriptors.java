package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test helper: the open descriptors of a process as the host sees them,
 * {@code /proc/PID/fd}: number → what it points to ({@code /dev/null},
 * {@code pipe:[123]}, {@code /dev/pts/4}), in ascending order. Read from
 * outside the process, so the reading itself opens nothing in it.
 */
public final class Descriptors {
    private Descriptors() {}

    /**
     * The descriptors of a {@code sleep} once it sleeps: while it starts, a
     * program opens files of its own (glibc's locale files: coreutils' sleep
     * briefly holds {@code LC_NUMERIC}), which are not what it was given.
     */
    public static Map<String, String> ofSleeper(long pid) throws InterruptedException {
        Path wchan = Path.of("/proc/" + pid + "/wchan");
        for (int i = 0; i < 200; i++) {
            try {
                if (Files.readString(wchan).contains("nanosleep")) {
                    break;
                }
            } catch (IOException e) {
                break; // gone: of() says so
            }
            Thread.sleep(50);
        }
        return of(pid);
    }

    /**
     * The fd rule (BOOK-NOTES, chapter 3) for a command a CLI started in a
     * container ({@code run}, {@code exec}), {@code sleep} made unique by
     * {@link HostProcesses#uniqueSleep}: once it sleeps it holds stdin
     * {@code /dev/null} and the CLI's own stdout and stderr, nothing else (no
     * jar, no pipe of init's). Ends both.
     */
    public static void assertDevNullAndTheClis(Process cli, List<String> sleep) throws InterruptedException {
        long command = HostProcesses.awaitOne(sleep);
        Map<String, String> fds = ofSleeper(command);
        Map<String, String> clis = of(cli.pid());
        end(command, cli);
        assertEquals(Map.of("0", "/dev/null", "1", clis.get("1"), "2", clis.get("2")), fds);
    }

    /** The same with {@code -it}: the one terminal as 0, 1 and 2, and nothing else. */
    public static void assertOneTerminal(Process cli, List<String> sleep) throws InterruptedException {
        long command = HostProcesses.awaitOne(sleep);
        Map<String, String> fds = ofSleeper(command);
        end(command, cli);
        assertEquals(List.of("0", "1", "2"), List.copyOf(fds.keySet()), fds::toString);
        assertTrue(fds.get("0").startsWith("/dev/pts/"), fds::toString);
        assertEquals(Set.of(fds.get("0")), Set.copyOf(fds.values()), "one terminal");
    }

    private static void end(long command, Process cli) {
        Syscall.kill((int) command, Syscall.SIGKILL);
        ChapterProgram.finish(cli);
    }

    public static Map<String, String> of(long pid) {
        Path dir = Path.of("/proc/" + pid + "/fd");
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> sorted = entries.sorted(Comparator.comparingInt(
                            p -> Integer.parseInt(p.getFileName().toString())))
                    .toList();
            Map<String, String> fds = new LinkedHashMap<>();
            for (Path fd : sorted) {
                try {
                    fds.put(
                            fd.getFileName().toString(),
                            Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException e) {
                    // closed while we looked
                }
            }
            return fds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
