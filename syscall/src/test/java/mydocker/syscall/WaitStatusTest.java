package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WaitStatusTest {
    @Property
    void exitStatusPassesThrough(@ForAll @IntRange(min = 0, max = 255) int status) {
        WaitStatus w = new WaitStatus(status << 8);
        assertTrue(w.exited());
        assertFalse(w.signaled());
        assertEquals(status, w.exitCode());
    }

    @Property
    void killedBySignalIs128PlusN(@ForAll @IntRange(min = 1, max = 64) int signal) {
        WaitStatus w = new WaitStatus(signal);
        assertTrue(w.signaled());
        assertEquals(signal, w.termSignal());
        assertEquals(128 + signal, w.exitCode());
    }

    @Property
    void coreDumpBitDoesNotChangeTheSignal(@ForAll @IntRange(min = 1, max = 64) int signal) {
        assertEquals(128 + signal, new WaitStatus(signal | 0x80).exitCode());
    }
}
