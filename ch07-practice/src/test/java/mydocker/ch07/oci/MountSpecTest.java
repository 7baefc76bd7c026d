package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_PRIVATE;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A mount's options as runc reads them: flags set and cleared, propagation, and the filesystem's own data. */
class MountSpecTest {
    @Test
    void flagsPropagationAndData() {
        MountSpec m = MountSpec.of(new Spec.Mount(
                "/dev/pts", "devpts", "devpts", List.of("nosuid", "ro", "rw", "newinstance", "mode=0620", "rprivate")));
        assertEquals(MS_NOSUID, m.flags(), "rw after ro clears it");
        assertEquals(MS_PRIVATE | MS_REC, m.propagation());
        assertEquals("newinstance,mode=0620", m.data());
    }

    @Test
    void aBindIsABindWhateverItsTypeSays() {
        MountSpec byOption = MountSpec.of(new Spec.Mount("/data", "none", "/srv", List.of("rbind", "ro")));
        MountSpec byType = MountSpec.of(new Spec.Mount("/data", "bind", "/srv", null));
        assertEquals(MS_BIND | MS_REC | MS_RDONLY, byOption.flags());
        assertEquals(MS_BIND, byType.flags());
        assertEquals("none", byType.type());
    }

    @Test
    void aDestinationMustBeAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of(new Spec.Mount("proc", "proc", "proc", null)));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of(new Spec.Mount(null, "proc", "proc", null)));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of(new Spec.Mount("/a\0b", "proc", "proc", null)));
    }
}
