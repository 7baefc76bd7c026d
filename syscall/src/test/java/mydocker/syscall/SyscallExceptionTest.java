package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SyscallExceptionTest {
    @Test
    void namesTheCallItsArgumentsAndTheErrno() {
        SyscallException e = assertThrows(SyscallException.class, () -> Syscall.chdir("/no/such/dir/for/mydocker"));
        assertEquals("chdir(\"/no/such/dir/for/mydocker\"): ENOENT (No such file or directory)", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void mountMessageSpellsTheFlags() {
        SyscallException e = assertThrows(
                SyscallException.class,
                () -> Syscall.mount(
                        "none", "/no/such/target", "tmpfs", MountFlags.MS_NODEV | MountFlags.MS_NOSUID, null));
        assertEquals(
                "mount(\"none\", \"/no/such/target\", \"tmpfs\", MS_NOSUID|MS_NODEV, NULL): " + Errno.name(e.errno())
                        + " (" + Syscall.LIBC.strerror(e.errno()) + ")",
                e.getMessage());
    }

    @Test
    void errnoNames() {
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("EPERM", Errno.name(1));
        assertEquals("ENOTEMPTY", Errno.name(39));
        assertEquals("errno 4095", Errno.name(4095));
    }

    @Test
    void descriptionComesFromLibc() {
        assertEquals("Invalid argument", Syscall.LIBC.strerror(Errno.EINVAL));
    }
}
