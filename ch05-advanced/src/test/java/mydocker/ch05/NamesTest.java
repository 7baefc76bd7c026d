package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Container names: Docker's rule for a chosen one, an adjective_noun otherwise. */
class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"web", "Web-1", "a", "0", "my_app.v2", "x--y__z.."})
    void dockersRuleAccepts(String name) {
        assertEquals(name, Names.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "-leading", ".hidden", "_under", "a/b", "../x", "é", "a:b", "tab\t"})
    void dockersRuleRefusesNamingTheName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Names.check(name));
        assertEquals(
                "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.getMessage());
    }

    @RepeatedTest(20)
    void aRandomNameIsAdjectiveUnderscoreNounAndPassesTheRule() {
        String name = Names.random();
        assertTrue(name.matches("[a-z]+_[a-z]+"), name);
        assertEquals(name, Names.check(name));
    }

    @Test
    void randomNamesVary() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            names.add(Names.random());
        }
        assertTrue(names.size() > 10, names::toString);
    }
}
