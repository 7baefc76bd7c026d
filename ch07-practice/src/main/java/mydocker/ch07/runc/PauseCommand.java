package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pause ID} (runc's, which containerd's shim and podman call): freezes
 * every process of a created or running container ({@link
 * mydocker.ch07.cgroups.Freezer}); {@code state} then says paused.
 */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Freeze all the processes of a container.")
public final class PauseCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws IOException {
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        RuntimeState.Status status = state.status(dir);
        if (status != RuntimeState.Status.RUNNING && status != RuntimeState.Status.CREATED) {
            throw new IllegalStateException("container " + id + " is " + status.json() + ": only a created or"
                    + " running container can be paused");
        }
        state.freezer().freeze();
        return 0;
    }
}
