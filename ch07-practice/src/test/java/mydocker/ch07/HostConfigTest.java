package mydocker.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mydocker.ch07.oci.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** run's Docker flags, parsed once: what each becomes, and one line for each kind of bad value. */
class HostConfigTest {
    @Test
    void ulimitIsNameSoftHard() {
        assertEquals(new Spec.Rlimit("RLIMIT_NOFILE", 2048L, 1024L), HostConfig.ulimit("nofile=1024:2048"));
        assertEquals(new Spec.Rlimit("RLIMIT_NPROC", 50L, 50L), HostConfig.ulimit("nproc=50"));
        assertEquals(new Spec.Rlimit("RLIMIT_CORE", -1L, -1L), HostConfig.ulimit("core=-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nofile", "nofile=", "nofile=a", "nofile=1:2:3", "NOFILE=1", "foo=1", "nofile=2:1", "=1"})
    void aBadUlimitIsOneLineNamingTheFlag(String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostConfig.ulimit(flag));
        assertTrue(e.getMessage().startsWith("--ulimit " + flag + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void oomScoreAdjIsTheKernelsRange() {
        assertEquals(300, HostConfig.oomScoreAdj(300));
        assertEquals(-1000, HostConfig.oomScoreAdj(-1000));
        assertNull(HostConfig.oomScoreAdj(null), "not given: left as inherited");
    }

    @ParameterizedTest
    @ValueSource(ints = {1001, -1001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void anOomScoreAdjOutsideItIsOneLineNamingTheFlag(int flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostConfig.oomScoreAdj(flag));
        assertTrue(e.getMessage().startsWith("--oom-score-adj " + flag + ": give -1000 to 1000"), e.getMessage());
    }

    @Test
    void tmpfsGetsDockersOptionsThenTheUsers() {
        assertEquals(
                new Spec.Mount(
                        "/run", "tmpfs", "tmpfs", List.of("rw", "noexec", "nosuid", "nodev", "size=64m", "exec")),
                HostConfig.tmpfs("/run:size=64m,exec"));
        assertEquals(
                List.of("rw", "noexec", "nosuid", "nodev"),
                HostConfig.tmpfs("/tmp").options());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmp", "", "/x:bind", "/x:rbind", "/x:size=1,,mode=1"})
    void aBadTmpfsIsRefused(String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostConfig.tmpfs(flag));
        assertTrue(e.getMessage().startsWith("--tmpfs " + flag + ": "), e.getMessage());
    }

    @Test
    void onlyNamespacedSysctlsAreTaken() {
        assertEquals(
                Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "1000"),
                HostConfig.sysctls(List.of("net.ipv4.ip_forward=1", "kernel.shmmax=1000")));
        for (String hostKey :
                List.of("vm.swappiness=1", "kernel.core_pattern=|/x", "kernel.hostname=x", "fs.file-max=1")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> HostConfig.sysctls(List.of(hostKey)), hostKey);
            assertTrue(e.getMessage().startsWith("--sysctl: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> HostConfig.sysctls(List.of("net.ipv4.ip_forward")));
        assertThrows(IllegalArgumentException.class, () -> HostConfig.sysctls(List.of("net..x=1")));
        assertThrows(IllegalArgumentException.class, () -> HostConfig.sysctls(List.of("net/../../x=1")));
    }

    @Test
    void userIsNumbers() {
        assertEquals(new Spec.User(65534L, 0L, null, null), HostConfig.user("65534"));
        assertEquals(new Spec.User(1000L, 1000L, null, null), HostConfig.user("1000:1000"));
        assertNull(HostConfig.user(null));
        for (String bad : List.of("nobody", "-1", "1:2:3", "4294967295", "1:x")) {
            assertThrows(IllegalArgumentException.class, () -> HostConfig.user(bad), bad);
        }
    }

    @Test
    void pidsLimitZeroOrBelowIsNoLimit() {
        assertEquals(64L, HostConfig.pidsLimit(64L));
        assertNull(HostConfig.pidsLimit(0L));
        assertNull(HostConfig.pidsLimit(-1L));
        assertNull(HostConfig.pidsLimit(null));
    }

    @Test
    void securityOptsAreDockersSpelling() {
        assertTrue(SecurityOpts.parse(List.of("no-new-privileges")).noNewPrivileges());
        assertTrue(SecurityOpts.parse(List.of("no-new-privileges:true")).noNewPrivileges());
        assertTrue(SecurityOpts.parse(List.of("no-new-privileges=true")).noNewPrivileges());
        assertFalse(SecurityOpts.parse(List.of("no-new-privileges:false")).noNewPrivileges());
        assertFalse(SecurityOpts.parse(List.of()).noNewPrivileges());
        assertTrue(SecurityOpts.parse(List.of("seccomp=unconfined")).seccompUnconfined());
        assertEquals(
                java.nio.file.Path.of("/p.json"),
                SecurityOpts.parse(List.of("seccomp:/p.json")).seccompProfile());
        assertNull(SecurityOpts.parse(List.of("seccomp=/p.json", "seccomp=unconfined"))
                .seccompProfile());
        for (String bad :
                List.of("no-new-privileges:yes", "apparmor=unconfined", "label=disable", "", "seccomp", "seccomp=")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SecurityOpts.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--security-opt " + bad + ": "), e.getMessage());
        }
    }
}
