package mydocker.ch08;

import java.io.IOException;
import java.io.UncheckedIOException;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.Containers;
import picocli.CommandLine.Command;

/**
 * {@code docker create} for the daemon: chapter 7's `run`, every flag and
 * check of it, that stops once the container exists (chapter 5's container
 * directory, state "created"); {@code start} runs it later. Not a command of
 * the CLI: the daemon parses a create request's words with it.
 */
@Command(name = "create", customSynopsis = "create [OPTIONS] IMAGE [COMMAND [ARG...]]")
public class CreateCommand extends mydocker.ch07.RunCommand {
    private ContainerConfig created;

    public CreateCommand(Engine engine) {
        super(engine);
    }

    @Override
    protected int run(Container container, ResourceConfig resources) {
        try {
            created = Containers.create(config(container, resources));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return 0;
    }

    /** The container made, once {@link #call} returned. */
    public ContainerConfig created() {
        return created;
    }
}
