package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.CorruptFileException;
import mydocker.ch05.ContainerState.Status;
import org.junit.jupiter.api.Test;

/** `ps`'s table as Docker prints it, from a container's config and state, at a given now. */
class PsCommandTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final String ID = ContainerDirs.id("0123456789ab");

    private static ContainerState state(Status status, int exitCode, Duration startedAgo, Duration finishedAgo) {
        return new ContainerState(
                status,
                status == Status.RUNNING ? 42 : 0,
                startedAgo == null ? null : NOW.minus(startedAgo),
                exitCode,
                finishedAgo == null ? null : NOW.minus(finishedAgo));
    }

    @Test
    void theCommandIsQuotedAndCutAtTwentyCharacters() {
        assertEquals("\"true\"", PsCommand.command(List.of("true")));
        assertEquals("\"sh -c echo 123456789\"", PsCommand.command(List.of("sh", "-c", "echo 123456789")));
        assertEquals("\"sh -c echo 12345678…\"", PsCommand.command(List.of("sh", "-c", "echo 1234567890")));
    }

    @Test
    void eachStatusReadsAsDockers() {
        assertEquals("Created", PsCommand.status(state(Status.CREATED, 0, null, null), NOW));
        assertEquals("Up 5 minutes", PsCommand.status(state(Status.RUNNING, 0, Duration.ofMinutes(5), null), NOW));
        assertEquals(
                "Exited (3) 2 hours ago",
                PsCommand.status(state(Status.EXITED, 3, Duration.ofHours(3), Duration.ofHours(2)), NOW));
        assertEquals(
                "Exited (137) Less than a second ago",
                PsCommand.status(state(Status.EXITED, 137, Duration.ofSeconds(9), Duration.ZERO), NOW));
        assertEquals("Dead", PsCommand.status(state(Status.DEAD, 0, Duration.ofMinutes(1), null), NOW));
    }

    @Test
    void aRunningContainersRowShowsItsName() {
        ContainerConfig config = ContainerDirs.config(ID, "web", NOW.minus(Duration.ofMinutes(3)));
        assertArrayEquals(
                new String[] {"0123456789ab", "busybox", "\"true\"", "3 minutes ago", "Up 2 minutes", "web"},
                PsCommand.row(
                        new Containers.Found(ID, config, null),
                        state(Status.RUNNING, 0, Duration.ofMinutes(2), null),
                        NOW,
                        List.of()));
    }

    /** A later chapter's columns (chapter 6's PORTS) come between STATUS and NAMES, as in Docker's table. */
    @Test
    void aLaterChaptersColumnsComeBeforeTheName() {
        ContainerConfig config = ContainerDirs.config(ID, "web", NOW.minus(Duration.ofDays(3)));
        PsColumn status = new PsColumn("SEEN", (c, s) -> c.imageName() + "/" + s.status());
        String[] row = PsCommand.row(
                new Containers.Found(ID, config, null),
                state(Status.EXITED, 0, Duration.ofDays(3), Duration.ofDays(2)),
                NOW,
                List.of(status));
        assertEquals("Exited (0) 2 days ago", row[4]);
        assertEquals("busybox/EXITED", row[5]);
        assertEquals("web", row[6]);
    }

    /** A container whose state file is broken ({@code state} null) or whose config is: Dead, never a crash. */
    @Test
    void brokenFilesMakeADeadRow() {
        ContainerConfig config = ContainerDirs.config(ID, null, NOW);
        PsColumn extra = new PsColumn("EXTRA", (c, s) -> s == null ? "no state" : "?");
        String[] noState = PsCommand.row(new Containers.Found(ID, config, null), null, NOW, List.of(extra));
        assertEquals("Dead", noState[4]);
        assertEquals("no state", noState[5]);
        assertEquals("", noState[6], "a container with no name shows none");
        Containers.Found noConfig =
                new Containers.Found(ID, null, new CorruptFileException(Path.of("config.json"), "x"));
        assertArrayEquals(
                new String[] {"0123456789ab", "", "", "", "Dead", "", ""},
                PsCommand.row(noConfig, null, NOW, List.of(extra)));
    }
}
