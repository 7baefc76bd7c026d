package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlagNamesTest {
    @Test
    void cloneFlagsReadLikeTheManPage() {
        assertEquals(
                "CLONE_NEWUTS|CLONE_NEWPID", CloneFlags.describe(CloneFlags.CLONE_NEWUTS | CloneFlags.CLONE_NEWPID));
        assertEquals("CLONE_NEWUSER", CloneFlags.describe(CloneFlags.CLONE_NEWUSER));
    }

    @Test
    void mountFlagsReadLikeTheManPage() {
        assertEquals("MS_REC|MS_PRIVATE", MountFlags.describe(MountFlags.MS_REC | MountFlags.MS_PRIVATE));
        assertEquals("0", MountFlags.describe(0));
    }

    @Test
    void unknownBitsAreKeptAsHex() {
        assertEquals("MS_RDONLY|0x40000000", MountFlags.describe(MountFlags.MS_RDONLY | 0x40000000L));
    }
}
