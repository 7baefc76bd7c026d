package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.Test;

/** Each book 2.1 demo run as the reader runs it, observed from the host. */
@Privileged
class NamespaceDemosIT {
    private static Result ch02(String... args) {
        Result r = ChapterProgram.run(Main.class, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void pidShellIsPid1() {
        assertEquals("1\n", ch02("pid", "-c", "echo $$").stdout());
    }

    @Test
    void utsHostnameChangesInsideOnly() throws Exception {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        assertEquals(
                "bird\n", ch02("uts", "--hostname", "bird", "-c", "hostname").stdout());
        assertEquals(host, Files.readString(Path.of("/proc/sys/kernel/hostname")));
    }

    @Test
    void ipcQueuesDoNotCrossTheBoundaryEitherWay() throws Exception {
        String made = run("ipcmk", "-Q"); // "Message queue id: N"
        String id = made.substring(made.lastIndexOf(' ') + 1).strip();
        try {
            long hostQueues = HostView.messageQueues();
            String inside = ch02("ipc", "-c", "ipcs -q | grep -c '^0x'; ipcmk -Q >/dev/null; ipcs -q | grep -c '^0x'")
                    .stdout();
            assertEquals("0\n1\n", inside, "inside: none of the host's queues, then the one made there");
            assertEquals(hostQueues, HostView.messageQueues(), "the queue made inside never reached the host");
        } finally {
            run("ipcrm", "-q", id);
        }
    }

    @Test
    void mountedProcShowsOnlyTheNamespacesProcessesAndTheHostTableIsUntouched() throws Exception {
        List<String> before = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        String ps =
                ch02("mount", "-c", "mount -t proc proc /proc && ps -e -o pid=").stdout();
        List<String> pids = ps.lines().map(String::strip).toList();
        assertTrue(pids.contains("1") && pids.size() <= 3, "ps inside listed: " + pids);
        assertEquals(before, Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    @Test
    void userNamespaceIsRefusedToTheJvmAndMadeByASingleThreadedHelper() throws Exception {
        Result r = ch02("user", "-c", "id -u; readlink /proc/self/ns/user");
        assertTrue(r.stderr().contains("unshare(CLONE_NEWUSER): EINVAL"), r::toString);
        List<String> lines = r.stdout().lines().toList();
        // readAllLines, not readString: sysctl files answer a read at offset 1 with EOF.
        assertEquals(Files.readAllLines(Path.of("/proc/sys/kernel/overflowuid")).get(0), lines.get(0), "unmapped uid");
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString(), lines.get(1));
    }

    @Test
    void networkNamespaceHasOnlyLoopbackDown() throws Exception {
        long hostLinks;
        try (var links = Files.list(Path.of("/sys/class/net"))) {
            hostLinks = links.count();
        }
        List<String> links = ch02("net", "-c", "ip -o link").stdout().lines().toList();
        assertEquals(1, links.size(), links::toString);
        assertTrue(links.get(0).contains(": lo:") && links.get(0).contains("state DOWN"), links::toString);
        try (var after = Files.list(Path.of("/sys/class/net"))) {
            assertEquals(hostLinks, after.count());
        }
    }

    @Test
    void theDemoPassesTheCommandsExitCodeThrough() {
        assertEquals(7, ChapterProgram.run(Main.class, "pid", "-c", "exit 7").exitCode());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
        return out;
    }
}
