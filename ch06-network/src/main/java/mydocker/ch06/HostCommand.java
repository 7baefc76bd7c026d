package mydocker.ch06;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs iproute2 and iptables, the commands a reader checks the host with
 * (the book's Go code uses the netlink library; BOOK-NOTES says what each
 * command does at that level).
 * A failure names the command line and what it printed.
 */
final class HostCommand {
    private HostCommand() {}

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    String.join(" ", command) + ": " + e.getMessage()
                            + " (is it installed? run ./scripts/install-deps.sh)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #run}, for undo steps: the thing may already be gone. */
    static void runQuietly(String... command) {
        try {
            run(command);
        } catch (RuntimeException e) {
            // already removed
        }
    }

    static List<String> lines(String... command) {
        return run(command).lines().toList();
    }
}
