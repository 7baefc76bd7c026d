package mydocker.ch05;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import mydocker.ch04.CorruptFileException;
import mydocker.ch04.JsonFile;
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
 * means a reused pid cannot pass for the container. Each file is checked as
 * it is read: a broken one is a {@link CorruptFileException} naming it.
 */
public record ContainerState(Status status, int pid, Instant startedAt, int exitCode, Instant finishedAt) {
    public enum Status {
        CREATED,
        RUNNING,
        EXITED,
        DEAD
    }

    static final String STATE = "state.json";
    static final String EXIT = "exit.json";
    /** Written by the detached start for the shim: the pid it waits for. */
    static final String INIT_PID = "init.pid";
    /** The space for exit.json, reserved before the container runs; mydocker-shim.c writes it too. */
    static final String EXIT_RESERVE = EXIT + ".tmp";

    static final int RESERVE_BYTES = 4096;

    record Started(int pid, String startTime, String startedAt) {}

    record Exited(int exitCode, long finishedAt) {}

    public static ContainerState of(Path dir) throws IOException {
        Started started = read(dir.resolve(STATE), Started.class);
        Instant startedAt = null;
        if (started != null) {
            Path file = dir.resolve(STATE);
            CorruptFileException.require(started.pid() > 0, file, "no pid");
            CorruptFileException.require(started.startTime() != null, file, "no startTime");
            startedAt = instant(file, started.startedAt());
        }
        Exited exited = read(dir.resolve(EXIT), Exited.class);
        if (exited != null) {
            CorruptFileException.require(
                    exited.exitCode() >= 0 && exited.exitCode() <= 255,
                    dir.resolve(EXIT),
                    "exit code " + exited.exitCode() + " is not 0-255");
            return new ContainerState(
                    Status.EXITED, 0, startedAt, exited.exitCode(), Instant.ofEpochSecond(exited.finishedAt()));
        }
        if (started == null) {
            return new ContainerState(Status.CREATED, 0, null, 0, null);
        }
        boolean alive = started.startTime().equals(startTime(started.pid()));
        return new ContainerState(alive ? Status.RUNNING : Status.DEAD, started.pid(), startedAt, 0, null);
    }

    /** The file's value, or null if there is no such file (yet). */
    private static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return JsonFile.read(file, type);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Instant instant(Path file, String text) throws CorruptFileException {
        try {
            return Instant.parse(String.valueOf(text));
        } catch (DateTimeParseException e) {
            throw new CorruptFileException(file, "bad time " + text);
        }
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** Records a started container. */
    static void started(Path dir, int pid) throws IOException {
        AtomicFile.write(
                dir.resolve(STATE),
                Json.MAPPER.writeValueAsBytes(
                        new Started(pid, startTime(pid), Instant.now().toString())));
    }

    /**
     * Makes {@code exit.json.tmp}: {@value #RESERVE_BYTES} bytes of real (not
     * sparse) blocks, while the container has not run yet. A container may
     * fill the disk; the record of how it ended must then need no free space,
     * or an Exited (7) would turn into a lost exit code and a Dead container.
     */
    static void reserveExitRecord(Path dir) throws IOException {
        try (FileChannel reserve = FileChannel.open(
                dir.resolve(EXIT_RESERVE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer blanks = ByteBuffer.wrap(" ".repeat(RESERVE_BYTES).getBytes(StandardCharsets.US_ASCII));
            while (blanks.hasRemaining()) {
                reserve.write(blanks);
            }
            reserve.force(true);
        }
    }

    /**
     * Records how it ended, as the shim does for a detached one, and the same
     * way: written over the reserved blocks, cut to its length, synced, and
     * renamed to exit.json, so a reader sees all of it or nothing, and a full
     * disk cannot lose it.
     */
    static void exited(Path dir, int exitCode) throws IOException {
        byte[] record =
                Json.MAPPER.writeValueAsBytes(new Exited(exitCode, Instant.now().getEpochSecond()));
        Path reserve = dir.resolve(EXIT_RESERVE);
        try (FileChannel channel = FileChannel.open(reserve, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(record);
            while (bytes.hasRemaining()) {
                channel.write(bytes, bytes.position());
            }
            channel.truncate(record.length);
            channel.force(true);
        }
        Files.move(reserve, dir.resolve(EXIT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A stopped container starting again forgets how it ended last time, and whom the shim waited for. */
    public static void restarting(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(EXIT));
        Files.deleteIfExists(dir.resolve(STATE));
        Files.deleteIfExists(dir.resolve(INIT_PID));
    }

    /** Field 22 of /proc/PID/stat (clock ticks after boot), or "-" if there is no such process. */
    static String startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from its end.
            List<String> rest =
                    List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
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
