package mydocker.ch02;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How every chapter's program turns arguments into an exit code: picocli parses,
 * the command runs, and a failure becomes one line on stderr
 * ({@code mydocker: <what went wrong and what to do>}), never a stack trace.
 */
public final class Cli {
    /** Docker's exit status when the engine itself, not the container, failed. */
    public static final int DOCKER_ERROR = 125;

    private Cli() {
    }

    /** Runs {@code command} with {@code args}; failures exit with {@code errorExitCode}. */
    public static int run(Object command, String[] args, int errorExitCode) {
        DebugLog.mainEntered();
        CommandLine cli = new CommandLine(command);
        cli.addMixin("debug", new DebugOption());
        // Everything after the first word that is not an option belongs to the
        // container's command: `run sh -c 'echo hi'` must not read -c as ours.
        cli.setStopAtPositional(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("mydocker: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return errorExitCode;
        });
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println("mydocker: " + e.getMessage() + ". See '"
                    + line.getCommandSpec().qualifiedName() + " --help'.");
            return errorExitCode;
        });
        int status = cli.execute(args);
        DebugLog.event("cli", "exit " + status);
        return status;
    }

    /** Docker's global {@code -D}: {@code mydocker -D run ...}. */
    static final class DebugOption {
        @Option(names = {"-D", "--debug"}, description = "Print debug lines with timestamps (a container's start, step by step) on stderr.")
        void debug(boolean on) {
            if (on) {
                DebugLog.enable("cli");
            }
        }
    }
}
