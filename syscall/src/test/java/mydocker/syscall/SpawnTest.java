package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spawning without new namespaces needs no root. */
class SpawnTest {
    @Test
    void exitCodeComesBack() {
        assertEquals(3, Spawn.of(List.of("sh", "-c", "exit 3")).start().waitFor().exitCode());
    }

    @Test
    void outputGoesWhereTheFdSays() {
        assertEquals("hello from argv\n", Output.of(Spawn.of(List.of("echo", "hello", "from", "argv"))));
    }

    @Test
    void environmentIsTheOneGiven() {
        assertEquals("v1\n", Output.of(Spawn.of(List.of("sh", "-c", "echo $K"))
                .env(List.of("K=v1", "PATH=/usr/bin:/bin"))));
    }

    @Test
    void missingProgramIsENOENTNamingIt() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Spawn.of(List.of("/no/such/program-mydocker")).start());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("posix_spawnp(\"/no/such/program-mydocker\""), e.getMessage());
    }

    @Test
    void signalDeathIs128PlusN() {
        assertEquals(128 + Syscall.SIGKILL, Spawn.of(List.of("sh", "-c", "kill -9 $$")).start().waitFor().exitCode());
    }

    @Test
    void emptyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Spawn.of(List.of()));
    }
}
