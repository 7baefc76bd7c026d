package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import mydocker.ch04.image.ImageConfig;
import org.junit.jupiter.api.Test;

class FullImageConfigTest {
    private static final String LAYER = "sha256:" + "a".repeat(64);

    @Test
    void theNextConfigKeepsWhatItDoesNotKnowAndAddsTheStep() {
        String loaded = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-01T00:00:00Z\","
                + "\"author\":\"someone\",\"config\":{\"Cmd\":[\"sh\"],\"StopSignal\":\"SIGQUIT\"},"
                + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"ADD rootfs\",\"author\":\"x\"}],"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + LAYER + "\"]}}";
        FullImageConfig base = FullImageConfig.of(ImageConfig.parse(loaded.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("sh"), base.settings().cmd());
        HistoryEntry step = new HistoryEntry(Instant.parse("2025-01-01T00:00:00Z"), "RUN x", "", false);
        String layer2 = "sha256:" + "b".repeat(64);
        FullImageConfig next = base.next(base.settings().withWorkingDir("/w"), step, layer2);
        String json = new String(next.config().bytes(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"author\":\"someone\""), json);
        assertTrue(json.contains("\"author\":\"x\""), "a history entry's own fields stay: " + json);
        assertEquals(List.of(LAYER, layer2), next.config().diffIds());
        assertEquals("/w", next.settings().workingDir());
        assertEquals(2, next.history().size());
        assertEquals(step, next.history().get(1));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), next.config().created());
    }

    @Test
    void settingsOfTheWrongTypeAreRefused() {
        for (String config : List.of("{\"Cmd\":\"sh\"}", "{\"Env\":[1]}", "{\"WorkingDir\":[]}", "{\"User\":5}")) {
            byte[] bytes = ("{\"config\":" + config + "}").getBytes(StandardCharsets.UTF_8);
            assertThrows(IllegalArgumentException.class, () -> FullImageConfig.of(ImageConfig.parse(bytes)), config);
        }
    }
}
