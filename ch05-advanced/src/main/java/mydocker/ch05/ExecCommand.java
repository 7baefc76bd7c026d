package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitMessage;
import mydocker.ch03.ProcessSpec;
import mydocker.ch03.SignalForwarder;
import mydocker.ch03.Terminal;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.CorruptFileException;
import mydocker.syscall.Child;
import mydocker.syscall.CloneFlags;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Spawn;
import mydocker.syscall.StartPipe;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker exec} (book 5.4): a new process inside a running container.
 * As the book does, the CLI starts its own program again ({@link ExecInit}),
 * here born in the container's PID namespace; it enters the container's other
 * namespaces and cgroups itself, then execve's the command, so the command
 * starts inside them and no JVM is left. Waiting for it, signals and the
 * terminal are chapter 3's.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run a command in a running container.")
public class ExecCommand implements Callable<Integer> {
    @Option(
            names = {"-i", "--interactive"},
            description = "Keep stdin attached.")
    boolean interactive;

    @Option(
            names = {"-t", "--tty"},
            description = "Give the command the terminal.")
    boolean tty;

    @Option(
            names = {"-e", "--env"},
            paramLabel = "KEY[=VALUE]",
            description = "Set an environment variable.")
    List<String> env = new ArrayList<>();

    @Option(
            names = {"-w", "--workdir"},
            paramLabel = "DIR",
            description = "Working directory inside the container (default: its root).")
    String workdir;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command;

    /** The container's group, as its record names it: the command joins it before execve. */
    private static CgroupManager cgroupOf(String id) throws IOException {
        try {
            return RecordedCgroups.open(Containers.dir(id), id)
                    .orElseThrow(() -> new IllegalStateException("container " + id.substring(0, 12)
                            + " has no cgroup record: restart it (mydocker stop, then start)"));
        } catch (CorruptFileException e) {
            throw new IllegalStateException(Containers.problem(id, e));
        }
    }

    @Override
    public Integer call() throws IOException {
        env.forEach(Env::check);
        if (workdir != null) {
            ExecWorkdir.check(workdir);
        }
        ContainerConfig config = Containers.resolve(container);
        ContainerState state = Containers.state(config);
        if (!state.running()) {
            throw new IllegalStateException("container " + config.id() + " is not running: start it first");
        }
        InitMessage message = new ProcessSpec(command, Env.merge(config.env(), env))
                .message()
                .with(CgroupLimits.GROUPS, cgroupOf(config.id()).paths())
                .with(EnterNamespaces.TARGET, state.pid());
        if (workdir != null) {
            message = message.with(ExecWorkdir.PART, workdir);
        }
        Spawn spawn = Spawn.of(SelfExec.command(ExecInit.class, ContainerInit.ARG))
                .join(Path.of("/proc/" + state.pid() + "/ns/pid"), CloneFlags.CLONE_NEWPID)
                .env(SelfExec.jvmEnv())
                .newProcessGroup();
        int devNull = -1;
        if (!interactive && !tty) {
            devNull = Syscall.open("/dev/null", Syscall.O_RDONLY | Syscall.O_CLOEXEC);
            spawn.fd(0, devNull);
        }
        try (StartPipe pipe = new StartPipe()) {
            Child child;
            try {
                child = pipe.start(spawn, ContainerInit.PIPE_FD);
            } finally {
                if (devNull >= 0) {
                    Syscall.close(devNull);
                }
            }
            try (SignalForwarder signals = new SignalForwarder(child);
                    Terminal terminal = interactive || tty ? Terminal.handTo(child.pid()) : null) {
                // A failure to start the command (127, 126) is said on its stderr; the exit status tells.
                if (pipe.awaitReady()) {
                    pipe.release(message.encode());
                }
                return child.waitFor().exitCode();
            }
        }
    }
}
