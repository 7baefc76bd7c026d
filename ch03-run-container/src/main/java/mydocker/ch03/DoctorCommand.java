package mydocker.ch03;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mydocker.ch02.cgroups.MemorySize;
import mydocker.ch02.cgroups.MountInfo;
import picocli.CommandLine.Command;

/**
 * {@code mydocker doctor}: one line per prerequisite of this chapter and the
 * later ones, each failing line saying what to do. Exit 0 when all is there.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check what the chapters need from this machine; each problem says how to fix it.")
public class DoctorCommand implements Callable<Integer> {

    record Check(String name, boolean ok, String detail) {
        @Override
        public String toString() {
            return String.format("%-4s  %-14s %s", ok ? "ok" : "FAIL", name, detail);
        }
    }

    private static final String INSTALL = "run ./scripts/install-deps.sh as root";

    @Override
    public Integer call() throws IOException {
        List<Check> checks = checks();
        checks.forEach(System.out::println);
        long failed = checks.stream().filter(c -> !c.ok()).count();
        System.out.println(failed == 0 ? "All set." : failed + " problem(s): see the FAIL lines.");
        return failed == 0 ? 0 : 1;
    }

    static List<Check> checks() throws IOException {
        List<MountInfo> mounts = MountInfo.ofThisProcess();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                "root",
                Root.uid() == 0,
                Root.uid() == 0 ? "running as root" : "not root: run, images and networks need sudo"));
        checks.add(kernel(System.getProperty("os.version")));
        checks.add(namespaces());
        checks.add(cgroups(mounts));
        String filesystems = Files.readString(Path.of("/proc/filesystems"));
        checks.add(new Check(
                "overlayfs",
                filesystems.contains("\toverlay\n"),
                filesystems.contains("\toverlay\n")
                        ? "overlay is in /proc/filesystems"
                        : "overlay missing from /proc/filesystems: try modprobe overlay"));
        checks.add(pivotRoot(mounts));
        checks.add(program("iptables", "iptables", "container networks (chapter 6)"));
        checks.add(program("busybox", "busybox-static", "the busybox image (chapter 4)"));
        checks.add(program("stress", "stress", "the cgroup demo (chapter 2)"));
        checks.add(space(Storage.dataRoot()));
        return checks;
    }

    static Check kernel(String release) {
        String[] parts = release.split("[.-]");
        boolean ok =
                Integer.parseInt(parts[0]) > 4 || (Integer.parseInt(parts[0]) == 4 && Integer.parseInt(parts[1]) >= 18);
        return new Check("kernel", ok, release + (ok ? " (4.18 or newer)" : ": too old, 4.18 or newer is needed"));
    }

    private static Check namespaces() {
        List<String> missing = Stream.of("uts", "ipc", "pid", "mnt", "net", "user", "cgroup")
                .filter(ns -> !Files.exists(Path.of("/proc/self/ns", ns)))
                .toList();
        return new Check(
                "namespaces",
                missing.isEmpty(),
                missing.isEmpty()
                        ? "uts ipc pid mnt net user cgroup"
                        : "missing " + missing + ": the kernel was built without them (CONFIG_*_NS)");
    }

    static Check cgroups(List<MountInfo> mounts) {
        List<String> v1 = Stream.of("memory", "cpu", "cpuset")
                .filter(c -> mounts.stream()
                        .anyMatch(m ->
                                m.fsType().equals("cgroup") && m.superOptions().contains(c)))
                .toList();
        if (v1.size() == 3) {
            // Most readers run v2: this host can still see it, in a guest kernel under qemu (scripts/test-v2.sh).
            return new Check(
                    "cgroups",
                    true,
                    "v1 (memory, cpu and cpuset hierarchies);"
                            + " to see v2 here: sudo scripts/test-v2.sh (a v2 kernel under qemu)");
        }
        for (MountInfo m : mounts) {
            if (m.fsType().equals("cgroup2")) {
                try {
                    String controllers = Files.readString(Path.of(m.mountPoint(), "cgroup.controllers"))
                            .strip();
                    boolean ok = List.of(controllers.split(" ")).containsAll(List.of("memory", "cpu", "cpuset"));
                    return new Check(
                            "cgroups",
                            ok,
                            "v2 at " + m.mountPoint() + ", controllers: " + controllers
                                    + (ok
                                            ? ""
                                            : ": memory, cpu and cpuset are needed (boot with systemd.unified_cgroup_hierarchy=1)"));
                } catch (IOException e) {
                    return new Check("cgroups", false, "cannot read " + m.mountPoint() + "/cgroup.controllers");
                }
            }
        }
        return new Check("cgroups", false, "no cgroup filesystem mounted: mount -t cgroup2 none /sys/fs/cgroup");
    }

    /** pivot_root(2) refuses to move the initramfs (rootfs): containers need a real root filesystem. */
    static Check pivotRoot(List<MountInfo> mounts) {
        String rootType = mounts.stream()
                .filter(m -> m.mountPoint().equals("/"))
                .reduce((first, last) -> last)
                .map(MountInfo::fsType)
                .orElse("?");
        boolean ok = !rootType.equals("rootfs") && !rootType.equals("ramfs");
        return new Check(
                "pivot_root",
                ok,
                "/ is " + rootType + (ok ? "" : ": pivot_root cannot leave it; boot the machine from a disk"));
    }

    private static Check program(String program, String debianPackage, String purpose) {
        boolean found;
        try {
            LookPath.find(program, List.of("PATH=" + System.getenv().getOrDefault("PATH", LookPath.DEFAULT_PATH)));
            found = true;
        } catch (ContainerInit.ExecFailure e) {
            found = false;
        }
        return new Check(
                program,
                found,
                found
                        ? "found, " + purpose
                        : "not found, needed for " + purpose + ": " + INSTALL + " (apt-get install " + debianPackage
                                + ")");
    }

    private static Check space(Path root) throws IOException {
        Path existing = root.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        boolean ok = free >= (1L << 30);
        return new Check(
                "disk",
                ok,
                MemorySize.format(free) + " free under " + root
                        + (ok ? "" : ": images need at least 1GiB; set MYDOCKER_ROOT to a larger disk"));
    }
}
