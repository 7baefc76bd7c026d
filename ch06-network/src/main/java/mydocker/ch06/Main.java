package mydocker.ch06;

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
import mydocker.ch05.CommitCommand;
import mydocker.ch05.ExecCommand;
import mydocker.ch05.LogsCommand;
import mydocker.ch05.PsCommand;
import mydocker.ch05.ReapCommand;
import picocli.CommandLine.Command;

/** Chapter 6 (容器网络): networks for containers. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch06",
        description = "Chapter 6: container networks (bridge driver, IPAM, veth, NAT).")
public final class Main {
    /** Its subcommands, in the order of its help. */
    public static final List<Class<?>> COMMANDS = List.of(
            NetworkCommand.class,
            RunCommand.class,
            PsCommand.class,
            LogsCommand.class,
            ExecCommand.class,
            StopCommand.class,
            StartCommand.class,
            RmCommand.class,
            StageTwoCommand.class,
            ReapCommand.class,
            CommitCommand.class,
            ImagesCommand.class,
            ImportCommand.class,
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
