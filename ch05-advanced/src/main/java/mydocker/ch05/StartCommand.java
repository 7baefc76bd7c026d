package mydocker.ch05;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker start}: a stopped container runs again, detached, with its rw layer as it was left. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start stopped containers.")
public final class StartCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    private final Engine engine;

    public StartCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException {
        for (String name : containers) {
            ContainerConfig config = Containers.resolve(name);
            if (Containers.state(config).running()) {
                throw new IllegalStateException("container " + config.id() + " is already running");
            }
            ContainerState.restarting(Containers.dir(config.id()));
            DetachedStart.start(engine, config, Containers.dir(config.id()));
            System.out.println(name);
        }
        return 0;
    }
}
