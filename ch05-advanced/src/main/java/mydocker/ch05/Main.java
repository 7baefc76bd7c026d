package mydocker.ch05;

import java.util.List;
import mydocker.ch02.Cli;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.DoctorCommand;
import mydocker.ch04.ImageInit;
import mydocker.ch04.ImagesCommand;
import mydocker.ch04.ImportCommand;
import mydocker.ch04.LoadCommand;
import mydocker.ch04.RmiCommand;
import mydocker.ch04.SaveCommand;
import picocli.CommandLine.Command;

/** Chapter 5 (构造容器进阶): containers in the background, and the commands to look after them. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch05",
        description = "Chapter 5: detached containers and the commands to manage them.")
public final class Main {
    /** Its subcommands, in the order of its help. */
    public static final List<Class<?>> COMMANDS = List.of(
            RunCommand.class,
            PsCommand.class,
            LogsCommand.class,
            ExecCommand.class,
            StopCommand.class,
            StartCommand.class,
            RmCommand.class,
            StageTwoCommand.class,
            ReapCommand.class,
            ImagesCommand.class,
            ImportCommand.class,
            CommitCommand.class,
            SaveCommand.class,
            LoadCommand.class,
            RmiCommand.class,
            DoctorCommand.class);

    public static void main(String[] args) {
        if (ContainerInit.isInit(args)) {
            new ImageInit().run(args);
        }
        System.exit(Cli.run(new Main(), COMMANDS, args, Cli.DOCKER_ERROR));
    }
}
