package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.LookPath;
import mydocker.ch03.SignalForwarder;
import mydocker.ch03.Terminal;
import mydocker.ch04.ContainerConfig;
import mydocker.syscall.Child;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker exec} (book 5.4): a new process inside a running container.
 * The Go code needs a cgo constructor for this: setns into a mount namespace
 * is refused to a multithreaded process, and the Go runtime is multithreaded
 * before main() runs, so the book enters the namespaces in C before Go starts.
 * A JVM is multithreaded too, but namespaces belong to threads: one thread
 * unshares its filesystem context, setns's into the container's ipc, uts,
 * net, pid and mnt namespaces, and spawns the command there
 * ({@link Spawn#joinNamespacesOf}). No C, no second JVM.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a command in a running container.")
public class ExecCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interactive"}, description = "Keep stdin attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command the terminal.")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable.")
    List<String> env = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        env.forEach(Env::check);
        ContainerConfig config = Containers.resolve(container);
        ContainerState state = Containers.state(config);
        if (!state.running()) {
            throw new IllegalStateException("container " + config.id() + " is not running: start it first");
        }
        List<String> environment = Env.merge(config.env(), env);
        List<Path> groups = Files.readAllLines(Containers.dir(config.id()).resolve("cgroups")).stream()
                .filter(l -> !l.isBlank()).map(Path::of).toList();
        boolean v1 = groups.stream().allMatch(g -> Files.exists(g.resolve("tasks")));
        Spawn spawn = Spawn.of(command).joinNamespacesOf(state.pid()).env(environment).newProcessGroup()
                .resolveProgramInNamespaces(name -> LookPath.find(name, environment));
        if (v1) {
            // cgroup v1 moves single threads: the spawning thread joins the container's
            // groups, and the command is born in them.
            spawn.onSpawningThread(() -> groups.forEach(g -> write(g.resolve("tasks"), Syscall.gettid())));
        }
        int devNull = -1;
        if (!interactive && !tty) {
            devNull = Syscall.open("/dev/null", Syscall.O_RDONLY | Syscall.O_CLOEXEC);
            spawn.fd(0, devNull);
        }
        Child child;
        try {
            child = spawn.start();
        } catch (ContainerInit.ExecFailure e) {
            System.err.println("mydocker: " + e.getMessage());
            return e.exitCode;
        } finally {
            if (devNull >= 0) {
                Syscall.close(devNull);
            }
        }
        if (!v1) {
            // cgroup v2 moves whole processes only, so the command joins right after
            // its spawn: posix_spawn gives no moment in between (runc's C nsexec has one).
            groups.forEach(g -> write(g.resolve("cgroup.procs"), child.pid()));
        }
        try (SignalForwarder signals = new SignalForwarder(child);
             Terminal terminal = interactive || tty ? Terminal.handTo(child.pid()) : null) {
            return child.waitFor().exitCode();
        }
    }

    /** A quick command may be done before it is moved: that is not an error. */
    private static void write(Path file, int id) {
        try {
            Files.writeString(file, Integer.toString(id));
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No such process")) {
                throw new UncheckedIOException("cannot write " + id + " to " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
