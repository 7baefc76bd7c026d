package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mydocker.ch04.CorruptFileException;
import mydocker.ch05.ContainerState.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a container is in its life, read from its files and checked against the kernel. */
class ContainerStateTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @TempDir
    Path dir;

    /**
     * The start time is field 22 of /proc/PID/stat, counted from the end of
     * the command name, which may itself hold ") " and spaces: a process
     * named {@code x) 1 2 (y} must not shift the fields. Checked against the
     * JDK's own reading of the same process's start (ms after boot, 100 ticks a second).
     */
    @Test
    void theStartTimeIsReadPastACommandNameWithParenthesesAndSpaces() throws Exception {
        Path sleep = Files.copy(Path.of("/bin/sleep"), dir.resolve("x) 1 2 (y"));
        Process p = new ProcessBuilder(sleep.toString(), "30").start();
        try {
            long ticks = Long.parseLong(ContainerState.startTime((int) p.pid()));
            Instant started = p.info().startInstant().orElseThrow();
            long bootMillis = 1000
                    * Long.parseLong(Files.readAllLines(Path.of("/proc/stat")).stream()
                            .filter(l -> l.startsWith("btime "))
                            .findFirst()
                            .orElseThrow()
                            .substring(6));
            assertEquals((started.toEpochMilli() - bootMillis) / 10, ticks, 1);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noSuchProcessHasNoStartTime() {
        assertEquals("-", ContainerState.startTime(Integer.MAX_VALUE));
    }

    @Test
    void noFilesIsCreated() throws Exception {
        assertEquals(Status.CREATED, ContainerState.of(dir).status());
    }

    @Test
    void aRecordedLivePidWithItsStartTimeIsRunning() throws Exception {
        ContainerState.started(dir, SELF);
        ContainerState state = ContainerState.of(dir);
        assertEquals(Status.RUNNING, state.status());
        assertEquals(SELF, state.pid());
        assertTrue(state.running());
    }

    /** The pid of a container that ended may now be another process's: its start time tells them apart. */
    @Test
    void aRecordedPidWithAnotherStartTimeIsDeadNotRunning() throws Exception {
        String other = String.valueOf(Long.parseLong(ContainerState.startTime(SELF)) + 1);
        Files.writeString(
                dir.resolve(ContainerState.STATE),
                "{\"pid\":" + SELF + ",\"startTime\":\"" + other + "\",\"startedAt\":\"" + Instant.now() + "\"}");
        assertEquals(Status.DEAD, ContainerState.of(dir).status());
    }

    @Test
    void anExitRecordIsExitedWithItsCode() throws Exception {
        ContainerState.started(dir, SELF);
        ContainerState.reserveExitRecord(dir);
        ContainerState.exited(dir, 3);
        ContainerState state = ContainerState.of(dir);
        assertEquals(Status.EXITED, state.status());
        assertEquals(3, state.exitCode());
        assertTrue(Files.notExists(dir.resolve(ContainerState.EXIT_RESERVE)), "the reserve became exit.json");
        ContainerState.restarting(dir);
        assertEquals(Status.CREATED, ContainerState.of(dir).status(), "a restart forgets how it ended");
    }

    @Test
    void aRecordThatCannotBeTrueIsCorruptNamingItsFile() throws Exception {
        Files.writeString(dir.resolve(ContainerState.EXIT), "{\"exitCode\":300,\"finishedAt\":0}");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> ContainerState.of(dir));
        assertTrue(
                e.getMessage().contains("exit.json") && e.getMessage().contains("exit code 300 is not 0-255"),
                e::getMessage);

        Files.delete(dir.resolve(ContainerState.EXIT));
        Files.writeString(
                dir.resolve(ContainerState.STATE), "{\"startTime\":\"1\",\"startedAt\":\"" + Instant.now() + "\"}");
        e = assertThrows(CorruptFileException.class, () -> ContainerState.of(dir));
        assertTrue(e.getMessage().contains("state.json") && e.getMessage().contains("no pid"), e::getMessage);
    }
}
