package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartPipeTest {
    private static final List<String> WAITER = List.of("sh", "-c", "read -r word <&3 || exit 9; exit ${#word}");

    @Test
    void theProcessWaitsForWhatIsReleased() {
        try (StartPipe pipe = new StartPipe()) {
            Child child = pipe.start(Spawn.of(WAITER), 3);
            pipe.release("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(5, child.waitFor().exitCode(), "it read the released word");
        }
    }

    @Test
    void theParentWaitsUntilTheProcessSaysItIsReady() {
        try (StartPipe pipe = new StartPipe()) {
            Child child = pipe.start(Spawn.of(List.of("sh", "-c", "printf R >&3; read -r word <&3; exit ${#word}")), 3);
            assertTrue(pipe.awaitReady());
            pipe.release("ready\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(5, child.waitFor().exitCode());
        }
    }

    @Test
    void aProcessThatEndsBeforeItIsReadyIsNotWaitedForForever() {
        try (StartPipe pipe = new StartPipe()) {
            pipe.start(Spawn.of(List.of("true")), 3);
            assertFalse(pipe.awaitReady());
        }
    }

    @Test
    void closedWithoutReleaseTheProcessSeesEndOfFileAndIsReaped() {
        Child child;
        try (StartPipe pipe = new StartPipe()) {
            child = pipe.start(Spawn.of(WAITER), 3);
        }
        assertTrue(child.hasExited(), "close() reaps the held process");
        assertEquals(9, child.waitFor().exitCode());
    }
}
