package mydocker.ch08.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.ContainerState;
import mydocker.ch05.Names;
import mydocker.ch06.ContainerNetwork;
import mydocker.ch06.PortMapping;

/**
 * {@code GET /containers/{id}/json} (docker inspect): what the engine recorded
 * of a container — chapter 4's config.json, chapter 5's state and name,
 * chapter 6's network — in Docker's shape. Only what is recorded is shown;
 * Docker's other fields are left out rather than made up.
 */
final class ContainerInspect {
    private ContainerInspect() {}

    static Map<String, Object> of(ContainerConfig config, ContainerState state) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Id", config.id());
        c.put("Created", config.created().toString());
        c.put("Path", config.command().get(0));
        c.put("Args", config.command().subList(1, config.command().size()));
        c.put("State", state(state));
        c.put("Image", config.image());
        String name = Names.of(config);
        c.put("Name", name == null ? "" : "/" + name);
        c.put("RestartCount", 0);
        c.put("Driver", "overlay2");
        c.put("Platform", "linux");
        c.put("HostConfig", hostConfig(config));
        c.put("Config", config(config));
        c.put("Mounts", List.of());
        return c;
    }

    private static Map<String, Object> state(ContainerState state) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Status", state.status().name().toLowerCase());
        s.put("Running", state.running());
        s.put("Paused", false);
        s.put("Restarting", false);
        s.put("OOMKilled", false);
        s.put("Dead", state.status() == ContainerState.Status.DEAD);
        s.put("Pid", state.running() ? state.pid() : 0);
        s.put("ExitCode", state.exitCode());
        s.put("Error", "");
        s.put(
                "StartedAt",
                state.startedAt() == null
                        ? "0001-01-01T00:00:00Z"
                        : state.startedAt().toString());
        s.put(
                "FinishedAt",
                state.finishedAt() == null
                        ? "0001-01-01T00:00:00Z"
                        : state.finishedAt().toString());
        return s;
    }

    private static Map<String, Object> hostConfig(ContainerConfig config) {
        ResourceConfig r = config.resources();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(
                "NetworkMode",
                config.get(ContainerNetwork.EXTENSION)
                        .map(ContainerNetwork::name)
                        .orElse("none"));
        Map<String, Object> bindings = new LinkedHashMap<>();
        for (PortMapping p : config.get(ContainerNetwork.EXTENSION)
                .map(ContainerNetwork::ports)
                .orElse(List.of())) {
            bindings.put(
                    p.containerPort() + "/" + p.protocol(),
                    List.of(Map.of("HostIp", "", "HostPort", String.valueOf(p.hostPort()))));
        }
        h.put("PortBindings", bindings);
        h.put("AutoRemove", false);
        h.put("Memory", r.memoryBytes().orElse(0L));
        h.put("CpuShares", r.cpuShares().orElse(0));
        h.put("CpusetCpus", r.cpusetCpus().orElse(""));
        return h;
    }

    private static Map<String, Object> config(ContainerConfig config) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Hostname", config.hostname());
        c.put("Env", config.env());
        c.put("Cmd", config.command());
        c.put("Image", config.imageName());
        // Chapter 5's detached containers have no terminal and no stdin: their output is one log.
        c.put("Tty", false);
        c.put("OpenStdin", false);
        return c;
    }
}
