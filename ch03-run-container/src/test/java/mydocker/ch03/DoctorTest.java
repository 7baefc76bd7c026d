package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch02.cgroups.MountInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path dir;

    @Test
    void kernelVersions() {
        assertTrue(DoctorCommand.kernel("6.1.0-18-amd64").ok());
        assertTrue(DoctorCommand.kernel("4.18.0").ok());
        assertFalse(DoctorCommand.kernel("4.9.0").ok());
        assertFalse(DoctorCommand.kernel("3.10.0-1160.el7").ok());
    }

    @Test
    void cgroupV2WithoutCpusetSaysWhatIsMissing() throws Exception {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpu io memory pids\n");
        DoctorCommand.Check check =
                DoctorCommand.cgroups(MountInfo.parse(List.of("1 0 0:1 / " + dir + " rw - cgroup2 cgroup2 rw")));
        assertFalse(check.ok());
        assertTrue(check.detail().contains("memory, cpu and cpuset are needed"), check.detail());
    }

    @Test
    void cgroupV2WithEveryControllerIsFine() throws Exception {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        assertTrue(DoctorCommand.cgroups(MountInfo.parse(List.of("1 0 0:1 / " + dir + " rw - cgroup2 cgroup2 rw")))
                .ok());
    }

    @Test
    void noCgroupsAtAll() {
        DoctorCommand.Check check =
                DoctorCommand.cgroups(MountInfo.parse(List.of("1 0 8:1 / / rw - ext4 /dev/sda rw")));
        assertFalse(check.ok());
        assertEquals(
                "FAIL  cgroups        no cgroup filesystem mounted: mount -t cgroup2 none /sys/fs/cgroup",
                check.toString());
    }

    @Test
    void anInitramfsRootCannotBePivoted() {
        assertFalse(DoctorCommand.pivotRoot(MountInfo.parse(List.of("1 0 0:1 / / rw - rootfs rootfs rw")))
                .ok());
        assertTrue(DoctorCommand.pivotRoot(MountInfo.parse(List.of("1 0 8:1 / / rw - ext4 /dev/sda rw")))
                .ok());
    }

    @Test
    void rootIsRequiredBeforeAnythingHappens() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Root.require("run", 1000));
        assertEquals(
                "run needs root (it creates namespaces, mounts and cgroups): try sudo ./mydocker run ...",
                e.getMessage());
    }
}
