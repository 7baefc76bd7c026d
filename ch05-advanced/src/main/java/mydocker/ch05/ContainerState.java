package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;
import mydocker.syscall.Syscall;

/**
 * Where a container is in its life, read from the files in its directory and
 * checked against the kernel, never assumed:
 * <pre>
 *   state.json absent                        Created
 *   state.json {pid, startTime, startedAt}   Running, if that pid is alive with that start time
 *   exit.json {exitCode, finishedAt}         Exited (exitCode), written by whoever reaped it
 *   neither alive nor an exit record         Dead (its reaper was killed)
 * </pre>
 * Comparing the start time (field 22 of /proc/PID/stat) as well as the pid
 * means a reused pid cannot pass for the container.
 */
public record ContainerState(Status status, int pid, Instant startedAt, int exitCode, Instant finishedAt) {
    public enum Status { CREATED, RUNNING, EXITED, DEAD }

    static final String STATE = "state.json";
    static final String EXIT = "exit.json";

    record Started(int pid, String startTime, String startedAt) {
    }

    record Exited(int exitCode, long finishedAt) {
    }

    public static ContainerState of(Path dir) throws IOException {
        Started started = Files.exists(dir.resolve(STATE))
                ? Json.MAPPER.readValue(dir.resolve(STATE).toFile(), Started.class) : null;
        Instant startedAt = started == null ? null : Instant.parse(started.startedAt());
        if (Files.exists(dir.resolve(EXIT))) {
            Exited exited = Json.MAPPER.readValue(dir.resolve(EXIT).toFile(), Exited.class);
            return new ContainerState(Status.EXITED, 0, startedAt, exited.exitCode(), Instant.ofEpochSecond(exited.finishedAt()));
        }
        if (started == null) {
            return new ContainerState(Status.CREATED, 0, null, 0, null);
        }
        boolean alive = started.startTime().equals(startTime(started.pid()));
        return new ContainerState(alive ? Status.RUNNING : Status.DEAD, started.pid(), startedAt, 0, null);
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** Records a started container. */
    static void started(Path dir, int pid) throws IOException {
        AtomicFile.write(dir.resolve(STATE), Json.MAPPER.writeValueAsBytes(
                new Started(pid, startTime(pid), Instant.now().toString())));
    }

    /** Records how it ended, as the shim does for a detached one. */
    static void exited(Path dir, int exitCode) throws IOException {
        AtomicFile.write(dir.resolve(EXIT), Json.MAPPER.writeValueAsBytes(
                new Exited(exitCode, Instant.now().getEpochSecond())));
    }

    /** A stopped container starting again forgets how it ended last time. */
    static void restarting(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(EXIT));
        Files.deleteIfExists(dir.resolve(STATE));
    }

    /** Field 22 of /proc/PID/stat (clock ticks after boot), or "-" if there is no such process. */
    static String startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from its end.
            List<String> rest = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return rest.get(22 - 3);
        } catch (IOException e) {
            return "-";
        }
    }

    /** Signals the container's first process, unless it is gone (or its pid now belongs to another). */
    void signal(int signal) {
        if (status == Status.RUNNING) {
            Syscall.kill(pid, signal);
        }
    }
}
