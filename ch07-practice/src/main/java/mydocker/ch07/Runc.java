package mydocker.ch07;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import mydocker.ch02.Cli;
import mydocker.ch04.image.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 7 (book 7.3-7.5): the engine as an OCI runtime, with runc's command
 * line, so that containerd, dockerd and podman can start containers with it
 * in runc's place ({@code ./mydocker-runc}). Its global options are runc's;
 * each container's state lives under {@code --root}, one directory per ID.
 */
@Command(
        name = "mydocker-runc",
        mixinStandardHelpOptions = true,
        version = {"mydocker-runc ch07", "spec: 1.0.2"},
        description = "Chapter 7: an OCI runtime with runc's command line (create, start, state, kill, delete).")
public final class Runc implements Cli.ErrorLog {
    @Option(
            names = "--root",
            paramLabel = "DIR",
            defaultValue = "/run/mydocker-runc",
            description = "Where containers' state is kept (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Also write errors to FILE (containerd and podman read why a runtime failed there).")
    Path log;

    @Option(
            names = "--log-format",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "The --log format (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(
            names = "--systemd-cgroup",
            description = "Not supported: cgroups are managed through cgroupfs (configure the engine so).")
    boolean systemdCgroup;

    @Option(names = "--rootless", paramLabel = "true|false|auto", hidden = true)
    String rootless;

    public static RuntimeEngine engine() {
        return new RuntimeEngine(Runc.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }

    /** The state directory of container {@code id} (whether it exists or not); the root is made if missing. */
    public Path stateDir(String id) throws IOException {
        return stateRoot().resolve(id);
    }

    /** Where every container's state directory is ({@code --root}), made if missing. */
    public Path stateRoot() throws IOException {
        if (systemdCgroup) {
            throw new IllegalArgumentException(
                    "--systemd-cgroup is not supported: use cgroupfs (containerd: SystemdCgroup = false;"
                            + " dockerd: --exec-opt native.cgroupdriver=cgroupfs; podman: --cgroup-manager cgroupfs)");
        }
        return Files.createDirectories(root.toAbsolutePath());
    }

    /** runc's log line, in the format asked for: how an engine shows its user why the runtime failed. */
    @Override
    public void error(String message) {
        if (log == null) {
            return;
        }
        String time = Instant.now().toString();
        String line;
        try {
            line = logFormat.equals("json")
                    ? Json.MAPPER.writeValueAsString(Map.of("level", "error", "msg", message, "time", time))
                    : "time=\"" + time + "\" level=error msg=" + Json.MAPPER.writeValueAsString(message);
            Files.writeString(
                    log,
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            // the error itself is on stderr already
        }
    }
}
