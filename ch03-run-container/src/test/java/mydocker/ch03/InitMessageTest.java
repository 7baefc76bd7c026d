package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InitMessageTest {
    private static final InitMessage.Part<List<String>> WORDS = InitMessage.strings("words");

    @Property(tries = 200)
    void roundTrips(@ForAll @Size(max = 5) List<String> argv, @ForAll @Size(max = 5) List<String> env)
            throws Exception {
        ProcessSpec process = new ProcessSpec(argv, env);
        assertEquals(process, InitMessage.decode(process.message().encode()).get(ProcessSpec.PART));
    }

    @Test
    void argumentsKeepSpacesQuotesAndUnicode() throws Exception {
        List<String> argv = List.of("sh", "-c", "echo \"a  b\" 'c' $HOME", "日本語", "");
        InitMessage decoded =
                InitMessage.decode(InitMessage.empty().with(WORDS, argv).encode());
        assertEquals(argv, decoded.get(WORDS));
    }

    @Test
    void eachPartKeepsItsOwnValue() throws Exception {
        List<Path> groups = List.of(Path.of("/sys/fs/cgroup/memory/mydocker/x"));
        InitMessage decoded = InitMessage.decode(new ProcessSpec(List.of("true"), List.of())
                .message()
                .with(CgroupLimits.GROUPS, groups)
                .encode());
        assertEquals(groups, decoded.get(CgroupLimits.GROUPS));
        assertEquals(List.of("true"), decoded.get(ProcessSpec.PART).argv());
        assertFalse(decoded.has(WORDS));
        assertThrows(IllegalStateException.class, () -> decoded.get(WORDS));
    }

    @Test
    void aMessageCutShortIsAnError() {
        byte[] whole =
                new ProcessSpec(List.of("sleep", "10"), List.of()).message().encode();
        assertThrows(EOFException.class, () -> InitMessage.decode(Arrays.copyOf(whole, whole.length - 3)));
    }
}
