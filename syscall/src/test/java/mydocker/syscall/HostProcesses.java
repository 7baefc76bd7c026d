package mydocker.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Test helper: the host's processes as /proc lists them, whatever PID
 * namespace they are in: how a test finds a container's process from outside.
 */
public final class HostProcesses {
    private HostProcesses() {}

    /** A {@code sleep} command line no other process on the host has: {@code sleep 300.123456}. */
    public static List<String> uniqueSleep(int seconds) {
        return List.of("sleep", seconds + "." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
    }

    /** The host pids of the processes whose command line is exactly {@code argv}. */
    public static List<Long> running(List<String> argv) {
        String wanted = String.join("\0", argv) + "\0";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> wanted.equals(read(p.resolve("cmdline"))))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host pids of the processes one of whose arguments is exactly {@code word}. */
    public static List<Long> withArgument(String word) {
        return holding("cmdline", word);
    }

    /** The host pids of the processes whose environment holds {@code entry} ({@code KEY=value}). */
    public static List<Long> withEnvironment(String entry) {
        return holding("environ", entry);
    }

    /** Processes whose /proc/PID/{@code file} (NUL-separated words) holds the word {@code word}. */
    private static List<Long> holding(String file, String word) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> ("\0" + read(p.resolve(file))).contains("\0" + word + "\0"))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until exactly one process runs {@code argv}; returns its host pid. */
    public static long awaitOne(List<String> argv) {
        return Poll.until("exactly one process runs " + argv, () -> running(argv), pids -> pids.size() == 1)
                .get(0);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // gone, or not ours to read
        }
    }
}
