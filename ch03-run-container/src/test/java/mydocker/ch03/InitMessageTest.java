package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InitMessageTest {
    @Property(tries = 200)
    void roundTrips(@ForAll @Size(max = 4) Map<String, @Size(max = 5) List<String>> values) throws Exception {
        assertEquals(
                values, InitMessage.decode(new InitMessage(values).encode()).values());
    }

    @Test
    void argumentsKeepSpacesQuotesAndUnicode() throws Exception {
        List<String> argv = List.of("sh", "-c", "echo \"a  b\" 'c' $HOME", "日本語", "");
        assertEquals(
                argv,
                InitMessage.decode(new InitMessage(Map.of(InitMessage.ARGV, argv)).encode())
                        .get(InitMessage.ARGV));
    }

    @Test
    void aMessageCutShortIsAnError() {
        byte[] whole = new InitMessage(Map.of(InitMessage.ARGV, List.of("sleep", "10"))).encode();
        assertThrows(EOFException.class, () -> InitMessage.decode(Arrays.copyOf(whole, whole.length - 3)));
    }
}
