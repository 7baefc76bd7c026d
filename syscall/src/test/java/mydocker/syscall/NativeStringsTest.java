package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class NativeStringsTest {
    /** What execve will read back is exactly the argv we meant, NULL-terminated. */
    @Property(tries = 200)
    void argvRoundTrips(
            @ForAll @Size(max = 8) List<@StringLength(max = 40) @CharRange(from = 1, to = 0x7ff) String> argv) {
        assertEquals(argv, NativeStrings.of(argv).read());
    }
}
