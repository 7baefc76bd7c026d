package mydocker.ch02;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * Chapter 2 (Namespace, Cgroups, Union File System): one small demo per kernel
 * feature. Each prints, on stderr, what to look at; the shell or command it
 * starts owns stdout.
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch02",
        description = "Chapter 2 demos: namespaces, cgroups and a union filesystem.")
public final class Main {
    /** Its subcommands, in the order of its help. */
    public static final List<Class<?>> COMMANDS = List.of(
            UtsDemo.class,
            IpcDemo.class,
            PidDemo.class,
            MountDemo.class,
            UserDemo.class,
            NetDemo.class,
            CgroupMemoryDemo.class,
            CgroupCpuDemo.class,
            OverlayDemo.class);

    public static void main(String[] args) {
        System.exit(Cli.run(new Main(), COMMANDS, args, 1));
    }
}
