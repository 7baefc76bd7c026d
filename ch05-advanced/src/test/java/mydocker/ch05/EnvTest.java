package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Book 5.8: {@code -e} on top of the image's environment, as Docker merges them. */
class EnvTest {
    private static final List<String> IMAGE = List.of("PATH=/bin", "HOME=/root", "HOSTNAME=box");

    @Test
    void aFlagReplacesAVariableInPlaceAndANewOneComesLast() {
        assertEquals(
                List.of("PATH=/bin", "HOME=/data", "HOSTNAME=box", "GREETING=hi"),
                Env.merge(IMAGE, List.of("GREETING=hi", "HOME=/data")));
    }

    @Test
    void theValueIsEverythingAfterTheFirstEqualsSign() {
        assertEquals(List.of("A=b=c", "EMPTY="), Env.merge(List.of(), List.of("A=b=c", "EMPTY=")));
    }

    @Test
    void theLastFlagForAKeyWins() {
        assertEquals(List.of("A=2"), Env.merge(List.of(), List.of("A=1", "A=2")));
    }

    @Test
    void aKeyAlonePassesTheHostsValue() {
        String host = System.getenv("PATH");
        assertTrue(host != null && !host.equals("/bin"), "the test JVM has a PATH of its own");
        assertEquals(List.of("PATH=" + host, "HOME=/root", "HOSTNAME=box"), Env.merge(IMAGE, List.of("PATH")));
    }

    @Test
    void aKeyAloneThatTheHostLacksAddsNothing() {
        String unset = "MYDOCKER_TEST_UNSET_" + ProcessHandle.current().pid();
        assertEquals(null, System.getenv(unset));
        assertEquals(IMAGE, Env.merge(IMAGE, List.of(unset)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "A=", "A=b c", "A_1=x=y", "lower=case"})
    void wellFormedFlagsPass(String flag) {
        Env.check(flag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=oops", "", "A B=1", " A=1", "A\t=1", "=", "A\n=1"})
    void aMissingOrSpacedKeyIsRefusedNamingTheFlag(String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Env.check(flag));
        assertEquals(
                "invalid environment variable: '" + flag + "' (expected KEY=VALUE or KEY, e.g. -e GREETING=hi)",
                e.getMessage());
    }
}
