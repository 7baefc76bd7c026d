package mydocker.ch08.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.Containers;
import mydocker.ch06.ContainerNetwork;
import mydocker.ch06.PortMapping;
import mydocker.ch07.build.InspectCommand;

/**
 * {@code GET /containers/{id}/json} (docker inspect): chapter 7's
 * {@code inspect} of a container, plus what a client of the API reads before
 * it acts — the HostConfig (network, ports, limits) and whether the container
 * has a terminal (the CLI reads logs framed or raw by it). Only what the engine
 * recorded is shown; Docker's other fields are left out rather than made up.
 */
final class ContainerInspect {
    private ContainerInspect() {}

    static ObjectNode of(Containers.Found found) throws IOException {
        ContainerConfig config = found.readableConfig();
        ObjectNode c = InspectCommand.container(found);
        c.put("RestartCount", 0);
        c.put("Driver", "overlay2");
        c.put("Platform", "linux");
        c.set("HostConfig", hostConfig(config));
        // Chapter 5's detached containers have no terminal and no stdin: their output is one log.
        ((ObjectNode) c.get("Config")).put("Tty", false).put("OpenStdin", false);
        c.putArray("Mounts");
        return c;
    }

    private static ObjectNode hostConfig(ContainerConfig config) {
        ResourceConfig r = config.resources();
        ObjectNode h = mydocker.ch04.image.Json.MAPPER.createObjectNode();
        h.put(
                "NetworkMode",
                config.get(ContainerNetwork.EXTENSION)
                        .map(ContainerNetwork::name)
                        .orElse("none"));
        ObjectNode bindings = h.putObject("PortBindings");
        for (PortMapping p : config.get(ContainerNetwork.EXTENSION)
                .map(ContainerNetwork::ports)
                .orElse(List.of())) {
            bindings.putArray(p.containerPort() + "/" + p.protocol())
                    .addObject()
                    .put("HostIp", "")
                    .put("HostPort", String.valueOf(p.hostPort()));
        }
        h.put("AutoRemove", false);
        h.put("Memory", r.memoryBytes().orElse(0L));
        h.put("CpuShares", r.cpuShares().orElse(0));
        h.put("CpusetCpus", r.cpusetCpus().orElse(""));
        return h;
    }
}
