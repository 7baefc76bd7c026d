package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    private static final String DIFF_ID = "sha256:" + "a".repeat(64);

    @Test
    void createdConfigReadsBack() {
        ImageConfig config = ImageConfig.create(List.of("sh"), List.of("PATH=/bin"), List.of(DIFF_ID));
        ImageConfig again = ImageConfig.parse(config.bytes());
        assertEquals(List.of("sh"), again.cmd());
        assertEquals(List.of("PATH=/bin"), again.env());
        assertEquals(List.of(DIFF_ID), again.diffIds());
        assertEquals(config.created(), again.created());
    }

    @Test
    void theIdIsTheSha256OfTheBytes() {
        byte[] bytes = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
        // printf '%s' '{"rootfs":{"type":"layers","diff_ids":[]}}' | sha256sum
        assertEquals(ImageConfig.sha256(bytes), ImageConfig.parse(bytes).id());
        assertTrue(ImageConfig.parse(bytes).id().matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void dockersFieldNamesAreUsed() {
        String json = new String(
                ImageConfig.create(List.of("sh"), List.of(), List.of(DIFF_ID)).bytes(), StandardCharsets.UTF_8);
        for (String field : List.of(
                "\"architecture\"",
                "\"os\":\"linux\"",
                "\"created\"",
                "\"Cmd\":[\"sh\"]",
                "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF_ID + "\"]}")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void notJsonIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> ImageConfig.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
