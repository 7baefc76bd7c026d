package mydocker.ch04;

import java.util.List;
import mydocker.ch02.Cli;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.DoctorCommand;
import picocli.CommandLine.Command;

/** Chapter 4 (构造镜像): containers get a root filesystem of their own, made from an image. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch04",
        description = "Chapter 4: run containers from images.")
public final class Main {
    /** Its subcommands, in the order of its help. */
    public static final List<Class<?>> COMMANDS = List.of(
            RunCommand.class,
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
