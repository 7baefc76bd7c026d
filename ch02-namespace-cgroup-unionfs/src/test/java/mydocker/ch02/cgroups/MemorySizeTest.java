package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {
    @Test
    void dockerExamples() {
        assertEquals(100L << 20, MemorySize.parse("100m"));
        assertEquals(100L << 20, MemorySize.parse("100M"));
        assertEquals(100L << 20, MemorySize.parse("100MiB"));
        assertEquals(100L << 20, MemorySize.parse("100mb"));
        assertEquals(512L << 10, MemorySize.parse("512k"));
        assertEquals(3L << 29, MemorySize.parse("1.5g"));
        assertEquals(1024, MemorySize.parse("1024"));
        assertEquals(1024, MemorySize.parse("1024b"));
    }

    @Property
    void unitsArePowersOf1024(@ForAll @LongRange(max = 1 << 20) long n, @ForAll @IntRange(max = 3) int unit) {
        String suffix = unit == 0 ? "" : String.valueOf("kmg".charAt(unit - 1));
        assertEquals(n << (10 * unit), MemorySize.parse(n + suffix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "-1m", "ten", "100x", "1.2.3m", "100 m b c"})
    void badSizesNameTheInputAndTheForm(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySize.parse(bad));
        assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("e.g. 100m"), e.getMessage());
    }

    @Test
    void tooLargeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("9000000000g"));
    }

    @Test
    void formatForMessages() {
        assertEquals("100MiB", MemorySize.format(100L << 20));
        assertEquals("1.5GiB", MemorySize.format(3L << 29));
        assertEquals("512B", MemorySize.format(512));
    }
}
