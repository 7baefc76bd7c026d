package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch04.image.Json;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code state}: the runtime spec's state of a container, as runc prints it (JSON). */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Print a container's state as JSON.")
public final class StateCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws IOException {
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state.json(dir)));
        return 0;
    }
}
