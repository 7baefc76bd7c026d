package mydocker.ch06;

import java.util.List;
import mydocker.ch04.ContainerConfig;

/**
 * Chapter 6's part of a container's config.json: the network it joins
 * ({@code --net}, book 6.5) and the ports it publishes ({@code -p}), parsed
 * once from run's flags. It is what the container asks for, as Docker's
 * HostConfig; what its start really made (address, veth, rules) is its
 * {@link Endpoint}, as Docker's NetworkSettings.
 */
public record ContainerNetwork(String name, List<PortMapping> ports) {
    public static final ContainerConfig.Extension<ContainerNetwork> EXTENSION =
            new ContainerConfig.Extension<>("network", ContainerNetwork.class);

    public ContainerNetwork {
        Network.checkName(name);
        ports = List.copyOf(ports);
    }
}
