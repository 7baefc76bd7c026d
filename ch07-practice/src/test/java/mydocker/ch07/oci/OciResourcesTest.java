package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import mydocker.ch04.image.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** linux.resources beyond the book's three, read once into typed values; a bad one is one line naming it. */
class OciResourcesTest {
    private static OciResources read(String json) throws Exception {
        return OciResources.of(Json.MAPPER.readValue(json, Spec.Resources.class));
    }

    @Test
    void whatTheValidationSuiteAsksForIsRead() throws Exception {
        OciResources r = read("{\"pids\":{\"limit\":1000},"
                + "\"memory\":{\"limit\":50593792,\"reservation\":50593792,\"swap\":50593792,\"kernel\":50593792,"
                + "\"kernelTCP\":50593792,\"swappiness\":10,\"disableOOMKiller\":true},"
                + "\"cpu\":{\"shares\":1024,\"quota\":50000,\"period\":100000,\"realtimeRuntime\":950000,"
                + "\"realtimePeriod\":1000000,\"cpus\":\"0\",\"mems\":\"0\"}}");
        assertEquals(OptionalLong.of(1000), r.pidsLimit());
        assertEquals(OptionalLong.of(50593792), r.memoryReservation());
        assertEquals(OptionalLong.of(50593792), r.memorySwap());
        assertEquals(OptionalLong.of(50593792), r.kernelTcp());
        assertEquals(OptionalLong.of(10), r.swappiness());
        assertTrue(r.disableOomKiller());
        assertEquals(OptionalLong.of(50000), r.cpuQuota());
        assertEquals(OptionalLong.of(100000), r.cpuPeriod());
        assertEquals(OptionalLong.of(950000), r.realtimeRuntime());
        assertEquals(OptionalLong.of(1000000), r.realtimePeriod());
        assertEquals(Optional.of("0"), r.cpusetMems());
    }

    @Test
    void zeroIsUnsetAsRuncReadsItAndNegativeIsNoLimit() throws Exception {
        OciResources r = read("{\"pids\":{\"limit\":0},\"cpu\":{\"quota\":-1}}");
        assertEquals(OptionalLong.empty(), r.pidsLimit());
        assertEquals(OptionalLong.of(-1), r.cpuQuota());
        assertEquals(OptionalLong.of(-1), read("{\"pids\":{\"limit\":-1}}").pidsLimit());
        assertFalse(read("{}").disableOomKiller());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "swappiness over 100 | memory.swappiness | {\"memory\":{\"swappiness\":101}}",
                "swap below the limit | memory.swap | {\"memory\":{\"limit\":2000000,\"swap\":1000000}}",
                "swap without a limit | memory.swap | {\"memory\":{\"swap\":1000000}}",
                "a negative reservation | memory.reservation | {\"memory\":{\"reservation\":-5}}",
                "a period too short | cpu.period | {\"cpu\":{\"period\":10}}",
                "a quota too short | cpu.quota | {\"cpu\":{\"quota\":5}}",
                "a realtime period of -1 | cpu.realtimePeriod | {\"cpu\":{\"realtimePeriod\":-1}}",
                "mems that are no list | cpu.mems | {\"cpu\":{\"mems\":\"0;rm -rf\"}}",
            })
    void aBadValueIsOneLineNamingTheField(String what, String field, String json) {
        String message =
                assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
        assertTrue(message.startsWith("config.json: linux.resources." + field + " "), message);
        assertFalse(message.contains("\n"), message);
    }
}
