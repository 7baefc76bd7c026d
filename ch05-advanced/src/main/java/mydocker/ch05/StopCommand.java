package mydocker.ch05;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.ContainerConfig;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker stop} (book 5.5): SIGTERM, then SIGKILL after the timeout.
 * The container's PID 1 ignores SIGTERM unless it handles it (the kernel
 * protects a namespace's init), so a plain {@code sleep} takes the SIGKILL:
 * Exited (137), as with Docker.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop running containers.")
public final class StopCommand implements Callable<Integer> {
    @Option(
            names = {"-t", "--time"},
            defaultValue = "10",
            paramLabel = "SECONDS",
            description = "Seconds to wait after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    private final Engine engine;

    public StopCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 0) {
            throw new IllegalArgumentException("invalid -t " + seconds + ": the timeout must be 0 or more seconds");
        }
        for (String name : containers) {
            ContainerConfig config = Containers.resolve(name);
            stop(config.id(), seconds);
            engine.release(Containers.dir(config.id()));
            System.out.println(name);
        }
        return 0;
    }

    /** Also used by `rm -f` (with no grace period). */
    public static void stop(String id, int seconds) throws IOException, InterruptedException {
        ContainerState state = Containers.state(id);
        state.signal(Syscall.SIGTERM);
        if (!waitUntilRecorded(id, seconds * 1000L)) {
            Containers.state(id).signal(Syscall.SIGKILL);
            waitUntilRecorded(id, 10_000);
        }
    }

    /** True once the container is not running and how it ended is written down. */
    private static boolean waitUntilRecorded(String id, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            ContainerState.Status status = Containers.state(id).status();
            if (status != ContainerState.Status.RUNNING && status != ContainerState.Status.DEAD) {
                return true;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return false;
    }
}
