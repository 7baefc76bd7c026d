package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch07.Runc;
import mydocker.ch07.cgroups.Freezer;
import mydocker.syscall.Errno;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kill ID [SIGNAL]}: a signal (SIGTERM by default) to the container's
 * init, or with {@code --all} to every process in its cgroup; a created
 * container can be killed too, a stopped one only with {@code --all}. A paused
 * one takes the signal when resumed; SIGKILL thaws it, as runc does, so that
 * it dies now.
 */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Send a signal to a container's process.")
public final class KillCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-a", "--all"},
            description = "Signal every process in the container's cgroup.")
    boolean all;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "SIGNAL", defaultValue = "SIGTERM", description = "default: ${DEFAULT-VALUE}")
    String signal;

    @Override
    public Integer call() throws IOException {
        int number = Signals.parse(signal);
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        RuntimeState.Status status = state.status(dir);
        if (status == RuntimeState.Status.STOPPED) {
            if (!all) {
                throw new IllegalStateException("container not running");
            }
            // Book 7.6: a container in its pod's (or the host's) PID namespace leaves its init's
            // children running when the init exits; containerd's shim then sends kill --all, and
            // they are still in the group. The init's pid is not signalled: it may be reused.
            if (!state.cgroup().pids().isEmpty()) {
                signalAll(state, number, false);
            }
            return 0;
        }
        boolean paused = status == RuntimeState.Status.PAUSED;
        if (all) {
            signalAll(state, number, paused);
        }
        send(state.pid(), number);
        if (paused && number == Syscall.SIGKILL) {
            state.freezer().thaw(); // a frozen task acts on SIGKILL only once thawed (runc does the same)
        }
        return 0;
    }

    /**
     * Every process in the group, frozen while the list is read and signalled
     * (runc's way), so that none forks a child that escapes the list; a group
     * the user paused stays paused.
     */
    private static void signalAll(RuntimeState state, int number, boolean paused) {
        Freezer freezer = state.freezer();
        if (!paused) {
            freezer.freeze();
        }
        try {
            for (int pid : state.cgroup().pids()) {
                send(pid, number);
            }
        } finally {
            if (!paused) {
                freezer.thaw();
            }
        }
    }

    private static void send(int pid, int signal) {
        try {
            Syscall.kill(pid, signal);
        } catch (SyscallException e) {
            if (e.errno() != Errno.ESRCH) { // gone meanwhile
                throw e;
            }
        }
    }
}
