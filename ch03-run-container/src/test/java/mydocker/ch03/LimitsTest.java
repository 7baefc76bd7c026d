package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import mydocker.ch02.cgroups.ResourceConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsTest {
    private static String error(String memory, Integer shares, String cpus) {
        return assertThrows(IllegalArgumentException.class, () -> Limits.of(memory, shares, cpus, "0-1\n"))
                .getMessage();
    }

    @Test
    void dockerFlagsBecomeTheCgroupsResources() {
        ResourceConfig r = Limits.of("100m", 512, "0,1", "0-1\n");
        assertEquals(Optional.of(100L << 20), r.memoryBytes());
        assertEquals(Optional.of(512), r.cpuShares());
        assertEquals(Optional.of("0,1"), r.cpusetCpus());
        assertEquals(ResourceConfig.none(), Limits.of(null, null, null, "0-1\n"));
    }

    @Test
    void garbageMemory() {
        assertEquals(
                "invalid size: 'lots' (expected a number with an optional unit b, k, m or g, e.g. 100m)",
                error("lots", null, null));
    }

    @Test
    void negativeMemory() {
        assertEquals(
                "invalid size: '-1' (expected a number with an optional unit b, k, m or g, e.g. 100m)",
                error("-1", null, null));
    }

    @Test
    void memoryBelowWhatTheKernelCanRunIn() {
        assertEquals("--memory 1m is too small: the minimum is 6MB", error("1m", null, null));
    }

    @ParameterizedTest
    @CsvSource({"1", "0", "-5", "262145"})
    void sharesOutOfRange(int shares) {
        assertEquals(
                "--cpu-shares " + shares + " is out of range: use 2 to 262144 (1024 is the default weight)",
                error(null, shares, null));
    }

    @Test
    void cpuThatDoesNotExist() {
        assertEquals(
                "--cpuset-cpus 0-2: requested CPUs are not available here (online: 0-1)", error(null, null, "0-2"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"0-", "a", "1,,2", "-1", "0 1", "''"})
    void malformedCpuList(String cpus) {
        assertEquals(
                "invalid --cpuset-cpus '" + cpus + "': expected CPU numbers such as 0, 0-1 or 0,2",
                error(null, null, cpus));
    }

    @Test
    void backwardsRangeAndAbsurdCpu() {
        assertEquals("invalid --cpuset-cpus '3-1': range 3-1 runs backwards", error(null, null, "3-1"));
        assertEquals(
                "invalid --cpuset-cpus '0-99999999': no machine has CPU 99999999 (the kernel allows at most 8192)",
                error(null, null, "0-99999999"));
        assertEquals(
                "invalid --cpuset-cpus '0-99999999999': no machine has CPU 99999999999 (the kernel allows at most 8192)",
                error(null, null, "0-99999999999"));
        assertEquals(
                "invalid --cpuset-cpus '99999999999999999999': no machine has CPU 99999999999999999999"
                        + " (the kernel allows at most 8192)",
                error(null, null, "99999999999999999999"));
    }

    @Property
    void cpuListParsesWhatTheKernelWrites(
            @ForAll @Size(min = 1, max = 10) @UniqueElements List<@IntRange(max = 63) Integer> cpus) {
        SortedSet<Integer> sorted = new TreeSet<>(cpus);
        String list = String.join(",", sorted.stream().map(String::valueOf).toList());
        assertEquals(sorted, CpuList.parse(list));
    }

    @Test
    void cpuRanges() {
        assertEquals(new TreeSet<>(List.of(0, 2, 3, 4)), CpuList.parse("0,2-4\n"));
    }
}
