package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    @Test
    void tagDefaultsToLatest() {
        assertEquals(new ImageReference("busybox", "latest"), ImageReference.parse("busybox"));
        assertEquals(new ImageReference("my-app", "1.0"), ImageReference.parse("my-app:1.0"));
        assertEquals(new ImageReference("library/busybox", "v1_2"), ImageReference.parse("library/busybox:v1_2"));
        assertEquals("busybox:latest", ImageReference.parse("busybox").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BusyBox", "busybox:", ":tag", "a//b", "-app", "app-", "bad name", "a:b:c", "x:.tag"})
    void malformedReferencesAreRefusedNamingTheInput(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad));
        assertTrue(e.getMessage().startsWith("invalid reference format: '" + bad + "'"), e.getMessage());
    }
}
