package mydocker.ch04;

import mydocker.ch02.Cli;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.DoctorCommand;
import picocli.CommandLine.Command;

/** Chapter 4 (构造镜像): containers get a root filesystem of their own, made from an image. */
@Command(name = "mydocker", mixinStandardHelpOptions = true, version = "mydocker ch04",
        description = "Chapter 4: run containers from images.",
        subcommands = {RunCommand.class, ImagesCommand.class, ImportCommand.class, CommitCommand.class,
                SaveCommand.class, LoadCommand.class, RmiCommand.class, DoctorCommand.class})
public final class Main {
    public static void main(String[] args) {
        if (ContainerInit.isInit(args)) {
            new ImageInit().run(args);
        }
        System.exit(Cli.run(new Main(), args, Cli.DOCKER_ERROR));
    }
}
