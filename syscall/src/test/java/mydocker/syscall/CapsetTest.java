package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The v3 word layout, and capget of this very thread read against what the kernel shows in /proc. */
class CapsetTest {
    @Test
    void aSetIsTwoWordsLowCapabilitiesFirst() {
        long chownAndCheckpointRestore = 1L | 1L << 40;
        Capset.Sets sets = new Capset.Sets(chownAndCheckpointRestore, -1L, 1L << 31);
        int[] words = Capset.words(sets);
        assertArrayEquals(new int[] {1, -1, 1 << 31, 1 << 8, -1, 0}, words);
        assertEquals(sets, Capset.fromWords(words));
    }

    @Test
    void capgetOfThisThreadIsWhatProcShows() throws IOException {
        Capset.Sets sets = Capset.get();
        Map<String, Long> status = status(Path.of("/proc/thread-self/status"));
        assertEquals(status.get("CapEff"), sets.effective());
        assertEquals(status.get("CapPrm"), sets.permitted());
        assertEquals(status.get("CapInh"), sets.inheritable());
    }

    @Test
    void capsetOfTheSameSetsIsAllowedAndChangesNothing() {
        Capset.Sets before = Capset.get();
        Capset.set(before);
        assertEquals(before, Capset.get());
    }

    @Test
    void theBoundingSetReadsAsProcShowsIt() throws IOException {
        long bounding = status(Path.of("/proc/thread-self/status")).get("CapBnd");
        for (int cap = 0; cap < 64; cap++) {
            assertEquals((bounding >>> cap & 1) == 1, Capset.inBounding(cap), "capability " + cap);
        }
    }

    private static Map<String, Long> status(Path file) throws IOException {
        Map<String, Long> caps = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("Cap")) {
                String[] kv = line.split(":\\s*");
                caps.put(kv[0], Long.parseUnsignedLong(kv[1].trim(), 16));
            }
        }
        return caps;
    }
}
