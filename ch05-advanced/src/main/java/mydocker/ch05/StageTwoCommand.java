package mydocker.ch05;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The second JVM of {@code run -d} (see {@link DetachedStart}), under the shim:
 * starts the container from its config.json, leaves for the shim the pid to
 * wait for, the cgroup to remove and the space for the exit record
 * ({@link StateFile}, {@link InitPidFile}: all before the command runs), reports,
 * and exits.
 */
@Command(name = StageTwoCommand.NAME, hidden = true)
public final class StageTwoCommand implements Callable<Integer> {
    public static final String NAME = "__start";

    @Parameters(index = "0")
    String id;

    private final Engine engine;

    public StageTwoCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() {
        try (FileChannel lock = Containers.startLock(id)) {
            Path dir = Containers.dir(id);
            if (!Files.isDirectory(dir)) {
                DetachedStart.report("container " + id + " was removed before it started");
                return 125;
            }
            ContainerConfig config = ContainerConfig.read(dir);
            List<HostStep> steps = new ArrayList<>(engine.hostSteps(config, false));
            steps.add(new InitPidFile(dir));
            new ContainerRun(engine).start(config.container(), steps, engine.message(config));
            DetachedStart.report("ok");
            return 0;
        } catch (IOException | RuntimeException e) {
            DetachedStart.report(e);
            return 125;
        }
    }
}
