package mydocker.ch06;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Chapter 5's run, with {@code --net NAME} (book 6.5; the book's spelling -net works too). */
@Command(name = "run", sortOptions = false,
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {"", "Examples:", "  mydocker network create --subnet 172.30.0.0/24 mynet",
                "  mydocker run -d --name web --net mynet busybox httpd -f -p 80"})
public class RunCommand extends mydocker.ch05.RunCommand {
    @Option(names = {"--net", "--network", "-net"}, paramLabel = "NETWORK",
            description = "Connect to a network (default: none, only lo, as the book).")
    String network;

    @Override
    protected void checkArguments() {
        super.checkArguments();
        if (network != null) {
            read(network);
        }
    }

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    @Override
    protected ContainerConfig config(Container container, Image image) {
        return super.config(container, image).withNetwork(network);
    }

    @Override
    protected List<HostStep> extraSteps(ContainerConfig config, Path dir) {
        return steps(config, dir);
    }

    /** The container's endpoint, if it has a network: shared with the detached start. */
    static List<HostStep> steps(ContainerConfig config, Path dir) {
        return config.network() == null ? List.of() : List.of(new Endpoint(read(config.network()), dir));
    }

    private static Network read(String name) {
        try {
            return Network.read(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
