package mydocker.ch07.oci;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;
import static mydocker.syscall.CloneFlags.CLONE_NEWNET;
import static mydocker.syscall.CloneFlags.CLONE_NEWNS;
import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Namespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** linux.sysctl: only keys of the container's own namespaces, and no key that leaves /proc/sys. */
class SysctlsTest {
    private static final Namespaces ALL =
            new Namespaces(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS, Map.of());
    private static final Namespaces MOUNT_ONLY = new Namespaces(CLONE_NEWNS, Map.of());

    private static String refused(Map<String, String> sysctl, Namespaces namespaces) {
        return assertThrows(IllegalArgumentException.class, () -> Sysctls.of(sysctl, namespaces))
                .getMessage();
    }

    @Test
    void namespacedKeysAreWrittenUnderProcSys() {
        Sysctls s =
                Sysctls.of(Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "1024", "fs.mqueue.msg_max", "20"), ALL);
        assertEquals(3, s.settings().size());
        Sysctls.Setting conf = Sysctls.of(Map.of("net/ipv4/conf/eth0.100/rp_filter", "2"), ALL)
                .settings()
                .get(0);
        assertEquals("net.ipv4.conf.eth0/100.rp_filter", conf.key(), "sysctl.d(5)'s slash form");
        assertEquals(Path.of("/proc/sys/net/ipv4/conf/eth0.100/rp_filter"), conf.path());
        assertEquals(
                Path.of("/proc/sys/kernel/domainname"),
                Sysctls.of(Map.of("kernel.domainname", "x"), ALL)
                        .settings()
                        .get(0)
                        .path());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vm.swappiness",
                "kernel.core_pattern",
                "kernel.hostname",
                "fs.file-max",
                "user.max_user_namespaces",
                "kernel.msg",
                "kernel.shmmax2",
                "dev.tty.ldisc_autoload"
            })
    void theHostsKernelSettingsAreRefusedByName(String key) {
        String message = refused(Map.of(key, "1"), ALL);
        assertTrue(message.contains("'" + key + "'") && message.contains("not namespaced"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"net.ipv4.ip_forward", "kernel.shmmax", "fs.mqueue.queues_max", "kernel.domainname"})
    void aNamespacedKeyNeedsItsNamespaceNotTheHosts(String key) {
        String message = refused(Map.of(key, "1"), MOUNT_ONLY);
        assertTrue(message.contains("needs the container's own"), message);
        String joinedHost = refused(
                Map.of(key, "1"),
                new Namespaces(
                        CLONE_NEWNS,
                        Map.of(
                                Path.of("/proc/self/ns/net"), CLONE_NEWNET,
                                Path.of("/proc/self/ns/ipc"), CLONE_NEWIPC,
                                Path.of("/proc/self/ns/uts"), CLONE_NEWUTS)));
        assertTrue(joinedHost.contains("needs the container's own"), "joining the host's is the host's: " + joinedHost);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "net.ipv4..",
                "net/../../vm/swappiness",
                "net.ipv4.conf/../../x",
                "net..ipv4",
                "net./",
                "net.ipv4.x\0y",
                "net.ipv4.a b",
                "",
                ".net",
                "net."
            })
    void keysThatCouldLeaveProcSysAreRefused(String key) {
        String message = refused(Map.of(key, "1"), ALL);
        assertTrue(message.startsWith("config.json: linux.sysctl key"), message);
    }

    @Test
    void aValueWithANulIsRefused() {
        assertTrue(refused(Map.of("net.ipv4.ip_forward", "1\0"), ALL).contains("NUL"));
    }

    @Test
    void itCrossesToInitWhole() throws Exception {
        Sysctls s = new Sysctls(List.of(new Sysctls.Setting("net.ipv4.ip_forward", "1")));
        assertEquals(
                s,
                mydocker.ch03.InitMessage.decode(mydocker.ch03.InitMessage.empty()
                                .with(Sysctls.PART, s)
                                .encode())
                        .get(Sysctls.PART));
    }
}
