package mydocker.ch07.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import mydocker.ch04.image.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * process.oomScoreAdj as config.json (or exec's --process file) holds it:
 * read once into a whole number of the kernel's range, anything else one
 * line naming the field; and what {@code run} writes reads back the same.
 */
class OomScoreAdjTest {
    /** A process with {@code oomScoreAdj} written as {@code json} (null: not given), read as the runtime reads one. */
    private static OciProcess process(String json) throws Exception {
        String text = "{\"args\":[\"sh\"]" + (json == null ? "" : ",\"oomScoreAdj\":" + json) + "}";
        return OciProcess.of(Json.MAPPER.readValue(text, Spec.Process.class), "config.json");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1000, -998, 0, 500, 1000})
    void aWholeNumberOfTheKernelsRangeIsTaken(int score) throws Exception {
        assertEquals(
                Optional.of(new OomScoreAdj(score)),
                process(Integer.toString(score)).oomScoreAdj());
    }

    @Test
    void absentOrNullLeavesTheScoreAlone() throws Exception {
        assertEquals(Optional.empty(), process(null).oomScoreAdj());
        assertEquals(Optional.empty(), process("null").oomScoreAdj());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1001",
                "-1001",
                "2147483648",
                "-2147483649",
                "99999999999999999999",
                "3.5",
                "500.0",
                "1e3",
                "\"500\"",
                "true",
                "[500]",
                "{}"
            })
    void anythingElseIsOneLineNamingTheField(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> process(json));
        assertTrue(e.getMessage().startsWith("config.json: process.oomScoreAdj "), e.getMessage());
        assertTrue(e.getMessage().endsWith("must be a whole number from -1000 to 1000"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** What run writes into config.json (RunSpec) reads back as the same value. */
    @Test
    void whatIsWrittenReadsBack() throws Exception {
        Spec.Process written =
                new Spec.Process(null, null, List.of("sh"), null, null, null, null, null, new OomScoreAdj(300).json());
        String json = Json.MAPPER.writeValueAsString(written);
        assertTrue(json.contains("\"oomScoreAdj\":300"), json);
        assertEquals(Optional.of(new OomScoreAdj(300)), process("300").oomScoreAdj());
        assertEquals(
                Optional.of(new OomScoreAdj(300)),
                OciProcess.of(Json.MAPPER.readValue(json, Spec.Process.class), "config.json")
                        .oomScoreAdj());
    }
}
