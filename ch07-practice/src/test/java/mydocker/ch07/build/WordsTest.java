package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WordsTest {
    private static final UnaryOperator<String> VARS = Map.of("A", "1", "EMPTY", "")::get;

    @Test
    void quotesEscapesAndVariablesAsDockersLexer() {
        assertEquals(
                List.of("K=two words", "L=$A", "M=1", "N=x1y", "O=a b"),
                Words.split("K=\"two words\" L='$A' M=$A N=x${A}y O=a\\ b", '\\', VARS));
        assertEquals(
                List.of("d=dflt", "e=", "f=set"), Words.split("d=${NONE:-dflt} e=${NONE:+x} f=${A:+set}", '\\', VARS));
        assertEquals(List.of("$", "\"q\""), Words.split("$ \"\\\"q\\\"\"", '\\', VARS));
        assertEquals("/a b/1", Words.one("  /a b/$A ", '\\', VARS));
    }

    @Test
    void unterminatedQuotesAndBadNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Words.split("a=\"open", '\\', VARS));
        assertThrows(IllegalArgumentException.class, () -> Words.split("a='open", '\\', VARS));
        assertThrows(IllegalArgumentException.class, () -> Words.split("${A", '\\', VARS));
        assertThrows(IllegalArgumentException.class, () -> Words.split("${1x}", '\\', VARS));
        assertThrows(IllegalArgumentException.class, () -> Words.split("${A:?x}", '\\', VARS));
    }
}
