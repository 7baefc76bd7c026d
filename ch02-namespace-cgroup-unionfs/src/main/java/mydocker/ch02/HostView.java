package mydocker.ch02;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the host sees, read from /proc and /sys: the "observe from outside" half of each demo. */
final class HostView {
    private HostView() {}

    static String hostname() {
        return read("/proc/sys/kernel/hostname").strip();
    }

    /** System V message queues in this IPC namespace (the header line is not one). */
    static long messageQueues() {
        return read("/proc/sysvipc/msg").lines().count() - 1;
    }

    static long mounts() {
        return read("/proc/self/mountinfo").lines().count();
    }

    static long links() {
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            return links.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code Cpus_allowed_list:} line of a process's status. */
    static String cpusAllowed(int pid) {
        return read("/proc/" + pid + "/status")
                .lines()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .findFirst()
                .orElse("Cpus_allowed_list: ?")
                .replace('\t', ' ');
    }

    /** Fails with what to install when {@code program} is not on PATH. */
    static void requireProgram(String program, String debianPackage) {
        boolean found = Stream.of(
                        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            throw new IllegalStateException(program + " is not installed: run scripts/install-deps.sh"
                    + " (or apt-get install " + debianPackage + ")");
        }
    }

    /** Line by line: some /proc files (sysctls) answer a read at offset 1 with end of file. */
    static String read(String path) {
        try {
            return String.join("\n", Files.readAllLines(Path.of(path))) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
