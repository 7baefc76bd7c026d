package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MountInfoTest {
    @Test
    void cgroupV1LineNamesItsController() {
        MountInfo m =
                MountInfo.parse("35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory");
        assertEquals("/sys/fs/cgroup/memory", m.mountPoint());
        assertEquals("cgroup", m.fsType());
        assertTrue(m.superOptions().contains("memory"));
    }

    @Test
    void lineWithoutOptionalFields() {
        MountInfo m = MountInfo.parse("41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        assertEquals("cgroup2", m.fsType());
        assertEquals("/sys/fs/cgroup/unified", m.mountPoint());
    }

    @Test
    void escapedSpaceInMountPoint() {
        assertEquals(
                "/mnt/my disk",
                MountInfo.parse("50 1 8:1 / /mnt/my\\040disk rw - ext4 /dev/sda1 rw")
                        .mountPoint());
    }

    @Test
    void garbageIsRefusedNamingTheLine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MountInfo.parse("not mountinfo"));
        assertTrue(e.getMessage().contains("not mountinfo"));
    }
}
