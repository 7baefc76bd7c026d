package mydocker.ch07.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
            case CREATED -> release(dir.resolve(ExecFifo.FILE), state);
        }
        // As runc: running, with the init's pid, even if the process has already ended.
        Map<String, Object> running = state.json(dir);
        running.put("status", RuntimeState.Status.RUNNING.json());
        running.put("pid", state.pid());
        ContainerHooks.runWarning(ContainerHooks.saved(dir).poststart(), running);
        return 0;
    }

    private void release(Path fifo, RuntimeState state) throws InterruptedException, IOException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo); // open waits for init's end; EOF comes at its execve
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] said;
        while (true) {
            try {
                said = read.get(100, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (!state.init().alive()) {
                    throw new IllegalStateException("container " + id + "'s init ended before it was started");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "opening " + fifo + ": " + e.getCause().getMessage());
            }
        }
        Files.deleteIfExists(fifo);
        if (said.length == 0) {
            throw new IllegalStateException("container " + id + "'s init ended before it was started");
        }
    }
}
