package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spawning without new namespaces needs no root. */
class SpawnTest {
    @Test
    void exitCodeComesBack() {
        assertEquals(
                3, Spawn.of(List.of("sh", "-c", "exit 3")).start().waitFor().exitCode());
    }

    /** A new session is a new group: asked for both (chapter 3's group, chapter 7's terminal), it leads both. */
    @Test
    void aNewSessionAskedWithANewGroupLeadsBoth() {
        String stat = "$(cut -d' ' -f5,6 /proc/$$/stat)";
        assertEquals(
                "yes\n",
                Output.of(Spawn.of(List.of("sh", "-c", "[ \"" + stat + "\" = \"$$ $$\" ] && echo yes"))
                        .newProcessGroup()
                        .newSession()));
    }

    @Test
    void outputGoesWhereTheFdSays() {
        assertEquals("hello from argv\n", Output.of(Spawn.of(List.of("echo", "hello", "from", "argv"))));
    }

    @Test
    void environmentIsTheOneGiven() {
        assertEquals(
                "v1\n", Output.of(Spawn.of(List.of("sh", "-c", "echo $K")).env(List.of("K=v1", "PATH=/usr/bin:/bin"))));
    }

    @Test
    void missingProgramIsENOENTNamingIt() {
        SyscallException e = assertThrows(
                SyscallException.class,
                () -> Spawn.of(List.of("/no/such/program-mydocker")).start());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("posix_spawnp(\"/no/such/program-mydocker\""), e.getMessage());
    }

    @Test
    void signalDeathIs128PlusN() {
        assertEquals(
                128 + Syscall.SIGKILL,
                Spawn.of(List.of("sh", "-c", "kill -9 $$")).start().waitFor().exitCode());
    }

    /**
     * A JVM holds dozens of descriptors without close-on-exec (its jars, the
     * JDK's modules file, and here one more opened on purpose): the child gets
     * 0, 1, 2 and the ones it was given, nothing else (BOOK-NOTES, chapter 3).
     */
    @Test
    void theChildHoldsOnlyZeroOneTwoAndTheDescriptorsItWasGiven() throws Exception {
        int leaky = Syscall.open("/dev/null", Syscall.O_RDONLY);
        int given = Syscall.open("/dev/zero", Syscall.O_RDONLY | Syscall.O_CLOEXEC);
        Child sleeper;
        try {
            sleeper = Spawn.of(List.of("sleep", "30")).fd(3, given).start();
        } finally {
            Syscall.close(leaky);
            Syscall.close(given);
        }
        try {
            Map<String, String> fds = Descriptors.ofSleeper(sleeper.pid());
            assertEquals(List.of("0", "1", "2", "3"), List.copyOf(fds.keySet()), fds::toString);
            assertEquals("/dev/zero", fds.get("3"));
        } finally {
            sleeper.kill(Syscall.SIGKILL);
            sleeper.waitFor();
        }
    }

    @Test
    void emptyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Spawn.of(List.of()));
    }
}
