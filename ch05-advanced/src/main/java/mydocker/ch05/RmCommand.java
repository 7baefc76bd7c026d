package mydocker.ch05;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker rm} (book 5.6): the container's processes (with -f), its
 * cgroups, directory, rw layer and log; see {@link ContainerRemoval}.
 */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove containers.")
public final class RmCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--force"},
            description = "Kill a running container first.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    private final Engine engine;

    public RmCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (String name : containers) {
            ContainerRemoval.remove(Containers.find(name), force, engine);
            System.out.println(name);
        }
        return 0;
    }
}
