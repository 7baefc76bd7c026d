package mydocker.ch07.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void bearerParametersAreReadWithCommasInsideQuotes() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push\"");
        assertTrue(c.isBearer());
        assertEquals(
                Map.of(
                        "realm", "https://auth.example/token",
                        "service", "registry.example",
                        "scope", "repository:a/b:pull,push"),
                c.params());
    }

    @Test
    void basicWithItsRealm() {
        Challenge c = Challenge.parse("Basic realm=\"basic-realm\"");
        assertTrue(c.isBasic());
        assertEquals("basic-realm", c.param("realm"));
    }

    @Test
    void noHeaderIsOneLine() {
        assertThrows(RegistryException.class, () -> Challenge.parse(null));
        assertThrows(RegistryException.class, () -> Challenge.parse("   "));
    }
}
