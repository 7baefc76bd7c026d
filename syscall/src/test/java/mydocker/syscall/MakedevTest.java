package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** dev_t as glibc's makedev(3) builds it (the numbers are Python's os.makedev on this machine). */
class MakedevTest {
    @Test
    void aSmallDeviceIsMajorThenMinor() {
        assertEquals(259, Syscall.makedev(1, 3));
    }

    @Test
    void aMinorAbove255IsSplitAcrossTheDevT() {
        assertEquals(2099866, Syscall.makedev(10, 666));
        assertEquals(2099354, Syscall.makedev(8, 666));
    }

    @Test
    void aMajorAbove4095GoesToTheHighWord() {
        assertEquals(17592186044417L, Syscall.makedev(4096, 1));
    }
}
