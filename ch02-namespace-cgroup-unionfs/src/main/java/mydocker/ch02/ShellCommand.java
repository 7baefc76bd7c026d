package mydocker.ch02;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code -c CMD}: run a command instead of the interactive shell the book opens. */
public final class ShellCommand {
    @Option(
            names = "-c",
            paramLabel = "CMD",
            description = "Run CMD with sh -c instead of an interactive shell (for scripts and tests).")
    String command;

    public List<String> argv() {
        return command == null ? List.of("sh") : List.of("sh", "-c", command);
    }
}
