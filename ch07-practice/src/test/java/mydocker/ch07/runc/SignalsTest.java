package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void numbersAndNamesAsRuncTakesThem() {
        assertEquals(15, Signals.parse("15"));
        assertEquals(15, Signals.parse("TERM"));
        assertEquals(15, Signals.parse("SIGTERM"));
        assertEquals(9, Signals.parse("sigkill"));
        assertEquals(1, Signals.parse("HUP"));
        assertEquals(31, Signals.parse("SYS"));
        assertEquals(64, Signals.parse("64"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"0", "65", "-9", "SIGFOO", "", "9x"}) {
            assertThrows(IllegalArgumentException.class, () -> Signals.parse(bad), bad);
        }
    }
}
