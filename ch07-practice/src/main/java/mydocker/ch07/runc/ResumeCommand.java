package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code resume ID}: thaws a paused container; its processes go on where they stopped. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Thaw the processes of a paused container.")
public final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws IOException {
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        RuntimeState.Status status = state.status(dir);
        if (status != RuntimeState.Status.PAUSED) {
            throw new IllegalStateException("container " + id + " is not paused: " + status.json());
        }
        state.freezer().thaw();
        return 0;
    }
}
