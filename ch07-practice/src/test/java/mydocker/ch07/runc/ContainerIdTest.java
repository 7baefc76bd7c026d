package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An ID is one plain name under the runtime's root, whatever an engine sends. */
class ContainerIdTest {
    @Test
    void enginesIdsPass() {
        for (String id : new String[] {"abc", "a".repeat(64), "redis-1_x+y.z", "libpod-abc"}) {
            assertEquals(id, ContainerId.check(id));
        }
    }

    @Test
    void pathsAndOddCharactersAreRefused() {
        for (String id : new String[] {"", ".", "..", "../x", "a/b", "/abs", "a b", "a\0b", "a\nb", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> ContainerId.check(id), id);
        }
    }
}
