package mydocker.ch02;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How every chapter's program turns arguments into an exit code: picocli parses,
 * the command runs, and a failure becomes one line on stderr
 * ({@code mydocker: <what went wrong and what to do>}), never a stack trace.
 */
public final class Cli {
    /**
     * A program that also keeps its errors somewhere else than stderr (an OCI
     * runtime's {@code --log}, where containerd and podman read why it failed):
     * its root command implements this, and is told each error line.
     */
    public interface ErrorLog {
        void error(String message);
    }

    /** Docker's exit status when the engine itself, not the container, failed. */
    public static final int DOCKER_ERROR = 125;

    private Cli() {}

    /**
     * Runs the program {@code root} with {@code args}; failures exit with
     * {@code errorExitCode}. Its subcommands are given here rather than in its
     * {@code @Command} because picocli builds a model of every subcommand it is
     * given (reflection over each one's options, ~20 ms measured for a
     * chapter's sixteen): only the one named on the command line is added; all of them
     * when none is named, for the help and the error on a misspelt one.
     */
    public static int run(Object root, List<Class<?>> subcommands, String[] args, int errorExitCode) {
        return run(root, subcommands, CommandLine.defaultFactory(), args, errorExitCode);
    }

    /**
     * As {@link #run(Object, List, String[], int)}, with the commands made by
     * {@code factory}: from chapter 3 on, the chapter's engine, which hands
     * itself to every command it makes.
     */
    public static int run(
            Object root, List<Class<?>> subcommands, CommandLine.IFactory factory, String[] args, int errorExitCode) {
        DebugLog.mainEntered();
        CommandLine cli = commandLine(root, subcommands, factory, args);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            report(cli, line, ErrorLine.of(e));
            return e instanceof ExitStatus status ? status.exitStatus() : errorExitCode;
        });
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine line = e.getCommandLine();
            report(cli, line, e.getMessage() + ". See '" + line.getCommandSpec().qualifiedName() + " --help'.");
            return errorExitCode;
        });
        int status = cli.execute(args);
        DebugLog.event("cli", "exit " + status);
        return status;
    }

    private static void report(CommandLine root, CommandLine line, String message) {
        line.getErr().println("mydocker: " + message);
        if (root.getCommand() instanceof ErrorLog log) {
            log.error(message);
        }
    }

    /**
     * The program's picocli model for {@code args}, before anything runs: what
     * {@link #run} executes, and what a test parses to check a command line
     * without running it.
     */
    public static CommandLine commandLine(
            Object root, List<Class<?>> subcommands, CommandLine.IFactory factory, String[] args) {
        CommandLine cli = new CommandLine(root, factory);
        cli.addMixin("debug", new DebugOption());
        List<Class<?>> named = subcommands.stream()
                .filter(c -> names(c).contains(firstWord(args)))
                .toList();
        for (Class<?> subcommand : named.isEmpty() ? subcommands : named) {
            cli.addSubcommand(subcommand);
        }
        cli.setStopAtPositional(true);
        return cli;
    }

    /** The first argument that is not an option: the subcommand's name, if any. */
    private static String firstWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static List<String> names(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }

    /** Docker's global {@code -D}: {@code mydocker -D run ...}. */
    static final class DebugOption {
        @Option(
                names = {"-D", "--debug"},
                description = "Print debug lines with timestamps (a container's start, step by step) on stderr.")
        void debug(boolean on) {
            if (on) {
                DebugLog.enable("cli");
            }
        }
    }
}
