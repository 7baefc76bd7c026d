package mydocker.ch03;

import java.util.List;
import mydocker.ch02.Cli;
import picocli.CommandLine.Command;

/**
 * Chapter 3 (构造容器): {@code mydocker run}. The CLI starts the container by
 * running this same program again as {@code init} inside new namespaces
 * (book 3.2, the Java form of {@code /proc/self/exe init}).
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch03",
        description = "Chapter 3: run a command in a container of its own.")
public final class Main {
    /** Its subcommands, in the order of its help. */
    public static final List<Class<?>> COMMANDS = List.of(RunCommand.class, DoctorCommand.class);

    public static void main(String[] args) {
        // The container's init is this program too, but it skips the CLI: it is
        // started only by `run`, never typed, and every class it loads is paid
        // for on each container start.
        if (ContainerInit.isInit(args)) {
            new ContainerInit().run(args);
        }
        System.exit(Cli.run(new Main(), COMMANDS, args, Cli.DOCKER_ERROR));
    }
}
