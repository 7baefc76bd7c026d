package mydocker.ch06;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Chapter 5's run, with {@code --net NAME} (book 6.5; the book's spelling -net works too). */
@Command(
        name = "run",
        sortOptions = false,
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {
            "",
            "Examples:",
            "  mydocker network create --subnet 172.30.0.0/24 mynet",
            "  mydocker run -d --name web --net mynet -p 8080:80 busybox httpd -f -p 80",
            "  curl http://127.0.0.1:8080/"
        })
public class RunCommand extends mydocker.ch05.RunCommand {
    @Option(
            names = {"--net", "--network", "-net"},
            paramLabel = "NETWORK",
            description = "Connect to a network (default: none, only lo, as the book).")
    protected String network;

    @Option(
            names = {"-p", "--publish"},
            paramLabel = "HOST:CONTAINER[/tcp|udp]",
            description = "Publish a container's port on the host (needs --net), e.g. -p 8080:80.")
    List<String> publish = new ArrayList<>();

    /** {@link #publish}, parsed once. */
    private List<PortMapping> ports = List.of();

    public RunCommand(Engine engine) {
        super(engine);
    }

    @Override
    protected void checkArguments() {
        super.checkArguments();
        ports = PortMapping.parseAll(publish);
        if (!ports.isEmpty() && network == null) {
            throw new IllegalArgumentException("-p needs a network: add --net NAME (see `mydocker network create`)");
        }
        if (network != null) {
            Network.read(network);
        }
    }

    @Override
    protected ContainerConfig config(Container container, ResourceConfig resources) {
        ContainerConfig config = super.config(container, resources);
        return network == null ? config : config.with(ContainerNetwork.EXTENSION, new ContainerNetwork(network, ports));
    }
}
