package mydocker.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's breakout suite (<i>Docker Deep Dive</i>'s security chapter):
 * each attack from inside a {@code run} container, once where nothing stops
 * it ({@code --privileged}, or the one protection turned off), which shows
 * the attack works and the test can fail, and once with Docker's defaults,
 * which stop it. Attacks that would change the host write back what is
 * already there.
 */
@Privileged
class RunContainedIT {
    /** Docker's 14 (CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP). */
    private static final String DOCKER_CAPS = "00000000a80425fb";

    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left"); // and no mount: Mydocker checks
    }

    private static Result run(List<String> flags, String script) {
        List<String> args = new ArrayList<>(List.of("run", "--rm"));
        args.addAll(flags);
        args.addAll(List.of("busybox", "sh", "-c", script));
        return mydocker.run(args.toArray(String[]::new));
    }

    private static String out(List<String> flags, String script) {
        Result r = run(flags, script);
        assertEquals(0, r.exitCode(), r::toString);
        // Each test has its own roots, so its first run says it makes the image: not the container's.
        return r.stdout() + r.stderr().replaceAll("mydocker: creating the busybox image.*\n", "");
    }

    private static final String CAPS = "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status | cut -f2 | tr '\\n' ' '";

    @Test
    void theCapabilitySetsAreDockersDefault() throws Exception {
        String bounding = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:"))
                .findFirst()
                .orElseThrow()
                .substring("CapBnd:".length())
                .strip();
        String d = DOCKER_CAPS;
        assertEquals("0000000000000000 " + d + " " + d + " " + d + " 0000000000000000 ", out(List.of(), CAPS));
        assertEquals(
                "0000000000000000 " + bounding + " " + bounding + " " + bounding + " 0000000000000000 ",
                out(List.of("--privileged"), CAPS),
                "privileged: all this runtime has");
        String none = "0000000000000000";
        assertEquals(String.join(" ", none, none, none, none, none) + " ", out(List.of("--cap-drop", "ALL"), CAPS));
    }

    /** NET_ADMIN added lets `ip link add` work; nothing else is added. */
    @Test
    void capAddGivesThatCapabilityAndNothingMore() {
        String script = "grep CapEff /proc/self/status | cut -f2; ip link add b0 type bridge 2>&1 && echo added; true";
        assertEquals(DOCKER_CAPS + "\nip: RTNETLINK answers: Operation not permitted\n", out(List.of(), script));
        assertEquals(
                String.format("%016x", Long.parseLong(DOCKER_CAPS, 16) | 1L << 12) + "\nadded\n",
                out(List.of("--cap-add", "NET_ADMIN"), script));
    }

    @Test
    void mountAndUnshareAreDenied() {
        String script =
                "mkdir -p /mnt; mount -t tmpfs t /mnt 2>&1; echo mount=$?; unshare -m -u -n true 2>&1; echo unshare=$?";
        assertEquals("mount=0\nunshare=0\n", out(List.of("--privileged"), script));
        String contained = out(List.of(), script);
        assertTrue(contained.startsWith("mount: permission denied (are you root?)\nmount="), contained);
        assertTrue(contained.endsWith(": Operation not permitted\nunshare=1\n"), contained);
        assertFalse(contained.contains("mount=0"), contained);
    }

    /** The same value written back: where it may be written, nothing changes on the host. */
    @Test
    void procSysIsReadOnly() throws Exception {
        String before = Files.readString(Path.of("/proc/sys/vm/swappiness"));
        String script =
                "v=$(cat /proc/sys/vm/swappiness); echo $v > /proc/sys/vm/swappiness 2>&1 && echo written; true";
        assertEquals("written\n", out(List.of("--privileged"), script));
        assertEquals("sh: can't create /proc/sys/vm/swappiness: Read-only file system\n", out(List.of(), script));
        assertEquals(before, Files.readString(Path.of("/proc/sys/vm/swappiness")));
    }

    @Test
    void theKernelsSecretsAreMaskedAndItsLogDenied() {
        String script = "wc -c < /proc/timer_list; wc -c < /proc/keys; dmesg >/dev/null 2>&1; echo dmesg=$?;"
                + " grep -c -v '^0000000000000000 ' /proc/kallsyms";
        String open = out(List.of("--privileged"), script);
        List<String> lines = open.lines().toList();
        assertTrue(Long.parseLong(lines.get(0).strip()) > 0, open);
        assertEquals("dmesg=0", lines.get(2), open);
        assertTrue(Long.parseLong(lines.get(3).strip()) > 0, "real addresses: " + open);
        assertEquals("0\n0\ndmesg=1\n0\n", run(List.of(), script).stdout(), "masked, denied, hidden");
    }

    /**
     * A container with a 50 MB limit tries to raise it from inside: through
     * the cgroup mount it is given, and by mounting the hierarchy itself.
     */
    @Tag("cgroup")
    @Test
    void aContainerCannotRaiseItsOwnLimit() {
        // v2: memory.max; v1: memory+swap first, as the memory limit may not exceed it.
        String raise = "if [ -e /sys/fs/cgroup/memory.max ]; then files=/sys/fs/cgroup/memory.max; else"
                + " d=/sys/fs/cgroup/memory; files=\"$d/memory.memsw.limit_in_bytes $d/memory.limit_in_bytes\"; fi;"
                + " for f in $files; do echo 209715200 2>/dev/null > $f || echo denied; done; for f in $files; do"
                + " cat $f; done | tail -1; mkdir -p /m; mount -t cgroup -o memory cgroup /m 2>/dev/null"
                + " || mount -t cgroup2 none /m 2>/dev/null; echo mount=$?; umount /m 2>/dev/null; true";
        assertEquals(
                "209715200\nmount=0\n",
                run(List.of("-m", "50m", "--privileged"), raise).stdout());
        String contained = run(List.of("-m", "50m"), raise).stdout();
        assertTrue(contained.startsWith("denied\n"), contained);
        assertTrue(contained.contains("52428800\nmount="), contained);
        assertFalse(contained.contains("mount=0"), contained);
    }

    /**
     * keyctl(2) is one of the syscalls Docker's profile denies whatever the
     * capabilities (the kernel keyring is not namespaced): with every
     * capability it is still EPERM, and works once the filter is off.
     */
    @Test
    void seccompDeniesKeyctlWhateverTheCapabilities(@TempDir Path work) throws Exception {
        Path tools = Files.createDirectories(work.resolve("tools"));
        StaticProgram.compile(
                tools,
                "keyctl",
                "#include <errno.h>\n#include <stdio.h>\n#include <string.h>\n#include <unistd.h>\n"
                        + "#include <sys/syscall.h>\n"
                        + "int main(void){ long r = syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3 /* session */, 1);\n"
                        + " if (r < 0 && errno == EPERM) { puts(\"EPERM\"); return 1; } puts(\"allowed\"); return 0; }\n");
        List<String> all = List.of("--cap-add", "ALL", "-v", tools + ":/tools:ro");
        List<String> unconfined = new ArrayList<>(all);
        unconfined.addAll(List.of("--security-opt", "seccomp=unconfined"));
        assertEquals("allowed\n", out(unconfined, "/tools/keyctl"));
        Result filtered = run(all, "grep Seccomp: /proc/self/status; /tools/keyctl");
        assertEquals("Seccomp:\t2\nEPERM\n", filtered.stdout(), filtered::toString);
        assertNotEquals(0, filtered.exitCode());
    }
}
