package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Needs root: real namespaces. */
@Privileged
class SpawnNamespacesIT {
    @Test
    void childIsPid1OfTheNewPidNamespace() {
        assertEquals("1\n", Output.of(Spawn.of(List.of("sh", "-c", "echo $$")).unshare(CloneFlags.CLONE_NEWPID)));
    }

    @Test
    void hostnameSetOnTheNamespaceThreadIsTheChildsAndNotTheHosts() throws Exception {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        String inside = Output.of(Spawn.of(List.of("hostname"))
                .unshare(CloneFlags.CLONE_NEWUTS)
                .inNamespaces(() -> Syscall.sethostname("spawn-it")));
        assertEquals("spawn-it\n", inside);
        assertEquals(host, Files.readString(Path.of("/proc/sys/kernel/hostname")));
    }

    @Test
    void jvmThreadsStayInTheHostNamespaces() throws Exception {
        Path self = Path.of("/proc/self/ns/uts");
        String before = Files.readSymbolicLink(self).toString();
        String child = Output.of(Spawn.of(List.of("readlink", "/proc/self/ns/uts"))
                        .unshare(CloneFlags.CLONE_NEWUTS
                                | CloneFlags.CLONE_NEWPID
                                | CloneFlags.CLONE_NEWNS
                                | CloneFlags.CLONE_NEWIPC
                                | CloneFlags.CLONE_NEWNET))
                .strip();
        assertNotEquals(before, child);
        assertEquals(before, Files.readSymbolicLink(self).toString());
    }
}
