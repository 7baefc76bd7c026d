package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker rm} (book 5.6): the container's processes (with -f), its
 * cgroups, directory, rw layer and log; see {@link ContainerRemoval}.
 */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove containers.")
public class RmCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--force"},
            description = "Kill a running container first.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (String name : containers) {
            ContainerRemoval.remove(Containers.find(name), force, this::release);
            System.out.println(name);
        }
        return 0;
    }

    /**
     * What a later chapter gives back when a container goes (chapter 6: its
     * address); {@code config} is null if the container's config.json cannot be read.
     */
    protected void release(ContainerConfig config, Path dir) throws IOException {}
}
