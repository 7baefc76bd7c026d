package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code start}: lets a created container's init through to its execve, by
 * opening the other end of the {@link ExecFifo} it waits on; returns once the
 * process runs (the FIFO's writer closes at execve). If init is gone
 * meanwhile, says so instead of waiting for ever.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Run a created container's process.")
public final class StartCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        switch (state.status(dir)) {
            case STOPPED -> throw new IllegalStateException("cannot start a container that has stopped");
            case RUNNING -> throw new IllegalStateException("cannot start an already running container");
            case PAUSED -> throw new IllegalStateException("cannot start a container in the paused state");
            case CREATED ->
                StartRelease.release(
                        id, dir.resolve(ExecFifo.FILE), () -> state.init().alive());
        }
        // As runc: running, with the init's pid, even if the process has already ended.
        Map<String, Object> running = state.json(dir);
        running.put("status", RuntimeState.Status.RUNNING.json());
        running.put("pid", state.pid());
        ContainerHooks.runWarning(ContainerHooks.saved(dir).poststart(), running);
        return 0;
    }
}
