package mydocker.ch07.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Whitespace;

class NetworkAliasesTest {
    /** Whatever surrounds a space, a tab or a line break, the alias could add words or lines to a hosts file. */
    @Property
    void anAliasWithWhitespaceIsRefused(
            @ForAll @AlphaChars @StringLength(max = 5) String before,
            @ForAll @Whitespace @StringLength(min = 1, max = 2) String space,
            @ForAll @AlphaChars @StringLength(max = 5) String after) {
        String alias = "a" + before + space + after;
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new NetworkAliases(List.of(alias)));
        assertTrue(e.getMessage().startsWith("--network-alias '"), e.getMessage());
    }

    @Property
    void aHostNameIsKept(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name) {
        assertEquals(List.of(name, name + ".db-1_x"), new NetworkAliases(List.of(name, name + ".db-1_x")).aliases());
    }

    @Property
    void aFirstCharacterThatStartsAnOptionOrAPathIsRefused(@ForAll @AlphaChars @StringLength(max = 8) String rest) {
        for (String first : List.of("-", ".", "_", "/")) {
            assertThrows(IllegalArgumentException.class, () -> new NetworkAliases(List.of(first + rest)));
        }
    }
}
