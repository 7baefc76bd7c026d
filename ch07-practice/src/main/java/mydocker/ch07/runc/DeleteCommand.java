package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch04.image.Trees;
import mydocker.ch07.Runc;
import mydocker.ch07.oci.Hooks;
import mydocker.syscall.Errno;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code delete}: what is left of a container goes — its cgroup and its state.
 * A running or paused one is refused unless {@code --force}, which kills it
 * first (a paused one thawed after the SIGKILL, or it could not die); a
 * created one is killed, as runc does (it never ran anything of its user's).
 * The parent levels its create made go too, and only those.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stopped container.")
public final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-f", "--force"},
            description = "Kill a running container first; a missing one is no error.")
    boolean force;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = runc.stateDir(ContainerId.check(id));
        if (!Files.isDirectory(dir)) {
            if (force) {
                return 0;
            }
            throw new IllegalArgumentException("container " + id + " does not exist");
        }
        RuntimeState state;
        try {
            state = RuntimeState.read(dir, id);
        } catch (IOException | IllegalStateException e) {
            if (!force) {
                throw e;
            }
            System.err.println(
                    "mydocker: warning: " + e.getMessage() + ": its state is removed, its cgroup (if any) is left");
            Trees.delete(dir);
            return 0;
        }
        RuntimeState.Status status = state.status(dir);
        if ((status == RuntimeState.Status.RUNNING || status == RuntimeState.Status.PAUSED) && !force) {
            throw new IllegalStateException("cannot delete container " + id + " that is not stopped: " + status.json());
        }
        if (status != RuntimeState.Status.STOPPED) {
            kill(state.pid());
            state.cgroup().kill();
            if (status == RuntimeState.Status.PAUSED) {
                state.freezer().thaw(); // a frozen task dies of SIGKILL only once thawed
            }
            for (int tries = 0; state.init().alive(); tries++) {
                if (tries == 200) {
                    throw new IllegalStateException("container " + id + "'s init did not die within 10 s of SIGKILL");
                }
                Thread.sleep(50);
            }
        }
        Hooks hooks = ContainerHooks.saved(dir);
        Map<String, Object> stopped = state.json(dir);
        state.destroyCgroup();
        Trees.delete(dir);
        ContainerHooks.runWarning(hooks.poststop(), stopped);
        return 0;
    }

    private static void kill(int pid) {
        try {
            Syscall.kill(pid, Syscall.SIGKILL);
        } catch (SyscallException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }
}
