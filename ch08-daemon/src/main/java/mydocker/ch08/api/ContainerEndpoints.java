package mydocker.ch08.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.ContainerRemoval;
import mydocker.ch05.ContainerState;
import mydocker.ch05.Containers;
import mydocker.ch05.DetachedStart;
import mydocker.ch05.PsCommand;
import mydocker.ch05.StopCommand;
import mydocker.ch06.ContainerNetwork;
import mydocker.ch06.PortMapping;
import mydocker.ch08.CreateCommand;
import mydocker.ch08.Engine;
import picocli.CommandLine;

/**
 * {@code /containers/...}: the engine's containers as the API shows them,
 * read from the same state directories `ps` reads (chapter 5), so the daemon
 * and the daemonless CLI see one set of containers.
 */
final class ContainerEndpoints {
    private static final long WAIT_POLL_MILLIS = 100;
    private final Engine engine;

    ContainerEndpoints(Engine engine) {
        this.engine = engine;
    }

    /** {@code GET /containers/json?all=1}: newest first, running ones unless all (docker ps). */
    ApiResponse list(ApiRequest request) throws IOException {
        boolean all = request.flag("all");
        if (request.param("filters") != null && !request.param("filters").equals("{}")) {
            throw ApiError.badRequest("filters are not supported by this daemon yet: list without --filter");
        }
        Instant now = Instant.now();
        List<Map<String, Object>> summaries = new ArrayList<>();
        List<Containers.Found> found = Containers.list();
        for (int i = found.size() - 1; i >= 0; i--) {
            Containers.Found c = found.get(i);
            ContainerConfig config = c.unreadable() == null ? c.config() : null;
            ContainerState state = config == null ? null : ContainerState.of(Containers.dir(c.id()));
            if (!all && (state == null || !state.running())) {
                continue;
            }
            summaries.add(summary(c, config, state, now));
        }
        return ApiResponse.ok(summaries);
    }

    /**
     * {@code POST /containers/create?name=}: the body's config made into chapter
     * 7's `run` words ({@link CreateRequest}) and parsed by its own model
     * ({@link CreateCommand}): the container exists, created, not started.
     */
    ApiResponse create(ApiRequest request) throws Exception {
        CreateRequest create = CreateRequest.of(request.body(), request.param("name"));
        CreateCommand command = new CreateCommand(engine);
        try {
            new CommandLine(command, engine).parseArgs(create.runArguments().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        command.call();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Id", command.created().id());
        answer.put("Warnings", List.of());
        return new ApiResponse(HttpResponseStatus.CREATED, answer, null, Map.of(), null);
    }

    /** {@code POST /containers/{id}/start}: a created or stopped container runs, detached (docker start). */
    ApiResponse start(ApiRequest request) throws IOException {
        ContainerConfig config = found(request).readableConfig();
        Path dir = Containers.dir(config.id());
        if (ContainerState.of(dir).running()) {
            return ApiResponse.status(HttpResponseStatus.NOT_MODIFIED); // already started, as dockerd answers
        }
        ContainerState.restarting(dir);
        DetachedStart.start(engine, config, dir);
        return ApiResponse.status(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/stop?t=N}: SIGTERM, SIGKILL after N seconds (10), as `mydocker stop`. */
    ApiResponse stop(ApiRequest request) throws IOException, InterruptedException {
        Containers.Found found = found(request);
        int seconds = request.intParam("t", 10);
        if (seconds < 0) {
            throw ApiError.badRequest("invalid t " + seconds + ": the timeout must be 0 or more seconds");
        }
        Path dir = Containers.dir(found.id());
        if (!ContainerState.of(dir).running()) {
            return ApiResponse.status(HttpResponseStatus.NOT_MODIFIED); // already stopped
        }
        StopCommand.stop(found.id(), seconds);
        engine.release(dir);
        return ApiResponse.status(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code DELETE /containers/{id}?force=1}: as `mydocker rm [-f]`; a running one without force is 409. */
    ApiResponse remove(ApiRequest request) throws IOException, InterruptedException {
        ContainerRemoval.remove(found(request), request.flag("force"), engine);
        return ApiResponse.status(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code GET /containers/{id}/json}: docker inspect. */
    ApiResponse inspect(ApiRequest request) throws IOException {
        return ApiResponse.ok(ContainerInspect.of(found(request)));
    }

    /**
     * {@code POST /containers/{id}/wait?condition=}: answers once the container is
     * not running (not-running, next-exit) or is gone (removed), with its exit
     * code, as docker wait prints it. The wait holds one worker, not an I/O thread.
     */
    ApiResponse waitFor(ApiRequest request) throws IOException, InterruptedException {
        String condition = request.param("condition") == null ? "not-running" : request.param("condition");
        if (!List.of("not-running", "next-exit", "removed").contains(condition)) {
            throw ApiError.badRequest("invalid condition '" + condition + "': not-running, next-exit or removed");
        }
        Containers.Found found = found(request);
        Path dir = Containers.dir(found.id());
        ContainerState state = ContainerState.of(dir);
        while (state.running()) {
            Thread.sleep(WAIT_POLL_MILLIS);
            state = ContainerState.of(dir);
        }
        if (condition.equals("removed")) {
            while (java.nio.file.Files.exists(dir)) {
                Thread.sleep(WAIT_POLL_MILLIS);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("StatusCode", state.exitCode());
        answer.put("Error", null);
        return ApiResponse.ok(answer);
    }

    /** {@code GET /containers/{id}/logs}: docker logs, streamed ({@link ContainerLogs}). */
    ApiResponse logs(ApiRequest request) throws IOException {
        return ContainerLogs.of(found(request).id(), request);
    }

    /** The container the path's {id} names (a name, an ID or a unique prefix), or 404. */
    private static Containers.Found found(ApiRequest request) throws IOException {
        try {
            return Containers.find(request.pathParams().get("id"));
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    private static Map<String, Object> summary(
            Containers.Found c, ContainerConfig config, ContainerState state, Instant now) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Id", c.id());
        s.put("Names", c.name() == null ? List.of() : List.of("/" + c.name()));
        s.put("Image", config == null ? "" : config.imageName());
        s.put("ImageID", config == null ? "" : config.image());
        s.put("Command", config == null ? "" : String.join(" ", config.command()));
        s.put("Created", config == null ? 0 : config.created().getEpochSecond());
        s.put("Ports", config == null ? List.of() : ports(config, state));
        s.put("Labels", Map.of());
        s.put("State", state == null ? "dead" : state.status().name().toLowerCase());
        s.put("Status", state == null ? "Dead" : PsCommand.status(state, now));
        s.put("HostConfig", Map.of("NetworkMode", config == null ? "none" : networkMode(config)));
        s.put("Mounts", List.of());
        return s;
    }

    /** The ports a running container publishes (chapter 6's -p), as Docker's Port objects. */
    private static List<Map<String, Object>> ports(ContainerConfig config, ContainerState state) {
        if (state == null || !state.running()) {
            return List.of();
        }
        List<Map<String, Object>> ports = new ArrayList<>();
        for (PortMapping p : config.get(ContainerNetwork.EXTENSION)
                .map(ContainerNetwork::ports)
                .orElse(List.of())) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("IP", "0.0.0.0");
            port.put("PrivatePort", p.containerPort());
            port.put("PublicPort", p.hostPort());
            port.put("Type", p.protocol());
            ports.add(port);
        }
        return ports;
    }

    private static String networkMode(ContainerConfig config) {
        return config.get(ContainerNetwork.EXTENSION)
                .map(ContainerNetwork::name)
                .orElse("none");
    }
}
