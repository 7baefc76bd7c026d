package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spec}: a starting config.json, as {@code runc spec} writes one: run
 * {@code sh} in a read-only {@code rootfs} next to it, in new pid, network,
 * ipc, uts and mount namespaces, with the usual kernel filesystems mounted.
 * Unlike runc's, the process has no terminal, so {@code create} needs no
 * console socket; with {@code "terminal": true} it needs {@code --console-socket}.
 */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Write a new config.json for a bundle.")
public final class SpecCommand implements Callable<Integer> {
    @Option(
            names = {"-b", "--bundle"},
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where to write config.json (default: the current directory).")
    Path bundle;

    public static Spec defaultSpec() {
        List<String> safe = List.of("nosuid", "noexec", "nodev");
        return new Spec(
                "1.0.2",
                new Spec.Process(
                        false,
                        new Spec.User(0L, 0L, null, null),
                        List.of("sh"),
                        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
                        "/",
                        List.of(new Spec.Rlimit("RLIMIT_NOFILE", 1024L, 1024L)),
                        true,
                        defaultCapabilities(),
                        null),
                new Spec.Root("rootfs", true),
                "mydocker",
                List.of(
                        new Spec.Mount("/proc", "proc", "proc", null),
                        new Spec.Mount(
                                "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                        new Spec.Mount(
                                "/dev/pts",
                                "devpts",
                                "devpts",
                                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                        new Spec.Mount(
                                "/dev/shm",
                                "tmpfs",
                                "shm",
                                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                        new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", safe),
                        new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                        new Spec.Mount(
                                "/sys/fs/cgroup",
                                "cgroup",
                                "cgroup",
                                List.of("nosuid", "noexec", "nodev", "relatime", "ro"))),
                new Spec.Linux(
                        namespaces(),
                        null,
                        // runc's: every device denied (the runtime adds the default nodes' rules after it).
                        new Spec.Resources(
                                null, null, null, List.of(new Spec.DeviceRule(false, null, null, null, "rwm"))),
                        List.of(
                                "/proc/acpi",
                                "/proc/asound",
                                "/proc/kcore",
                                "/proc/keys",
                                "/proc/latency_stats",
                                "/proc/timer_list",
                                "/proc/timer_stats",
                                "/proc/sched_debug",
                                "/sys/firmware",
                                "/proc/scsi"),
                        List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                        null,
                        null,
                        null,
                        null),
                Map.of(),
                null);
    }

    /**
     * runc spec's: three capabilities in every set but the inheritable one
     * (so its ambient three cannot be raised, and are skipped), no CAP_SYS_ADMIN,
     * no CAP_NET_ADMIN: even root in the container cannot mount or change the network.
     */
    private static Spec.Capabilities defaultCapabilities() {
        List<String> three = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        return new Spec.Capabilities(three, three, null, three, three);
    }

    /** runc's: a cgroup namespace too where the host is cgroup v2 (on v1 runc leaves it out). */
    private static List<Spec.Namespace> namespaces() {
        List<Spec.Namespace> namespaces = new ArrayList<>(List.of(
                new Spec.Namespace("pid", null),
                new Spec.Namespace("network", null),
                new Spec.Namespace("ipc", null),
                new Spec.Namespace("uts", null),
                new Spec.Namespace("mount", null)));
        if (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
            namespaces.add(new Spec.Namespace("cgroup", null));
        }
        return namespaces;
    }

    @Override
    public Integer call() throws IOException {
        Path file = bundle.resolve(Bundle.CONFIG);
        if (Files.exists(file)) {
            throw new IllegalStateException("File " + file + " exists. Remove it first");
        }
        Files.write(file, defaultSpec().json());
        return 0;
    }
}
