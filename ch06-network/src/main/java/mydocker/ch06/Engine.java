package mydocker.ch06;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.PsColumn;

/**
 * Chapter 5's engine with networks (book 6.1-6.5): `network`, and a container
 * on one gets an {@link Endpoint} when it starts (veth, address, port rules),
 * gives it back when it stops or goes, and shows its published ports in `ps`.
 */
public class Engine extends mydocker.ch05.Engine {
    public Engine(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    public List<Class<?>> commands() {
        return replace(super.commands(), mydocker.ch05.RunCommand.class, NetworkCommand.class, RunCommand.class);
    }

    /** Chapter 5's steps, then the container's place on its network, if it has one. */
    @Override
    public List<HostStep> hostSteps(ContainerConfig config, boolean removeAtExit) {
        List<HostStep> steps = new ArrayList<>(super.hostSteps(config, removeAtExit));
        config.get(ContainerNetwork.EXTENSION)
                .ifPresent(n -> steps.add(
                        new Endpoint(Network.read(n.name()), mydocker.ch05.Containers.dir(config.id()), n.ports())));
        return steps;
    }

    /** Its address, veth and port rules (book 6.3: the IPAM gets the address back). */
    @Override
    public void release(Path dir) {
        Endpoint.release(dir);
    }

    /** PORTS, as Docker shows them, while the container runs (its rules exist only then). */
    @Override
    public List<PsColumn> psColumns() {
        return List.of(new PsColumn(
                "PORTS",
                (config, state) -> state == null || !state.running()
                        ? ""
                        : String.join(
                                ", ",
                                config.get(ContainerNetwork.EXTENSION)
                                        .map(n -> n.ports().stream()
                                                .map(PortMapping::published)
                                                .toList())
                                        .orElse(List.of()))));
    }
}
