package mydocker.ch08.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiVersionTest {
    @Test
    void theVersionsBetweenTheMinimumAndOursAreTaken() {
        assertEquals(new ApiVersion(1, 41), ApiVersion.parse("1.41"));
        assertEquals(ApiVersion.CURRENT, ApiVersion.parse("1.43"));
        assertEquals(ApiVersion.MINIMUM, ApiVersion.parse("1.24"));
    }

    @Test
    void aNewerClientIsToldTheMaximumAnOlderOneTheMinimum() {
        ApiError newer = assertThrows(ApiError.class, () -> ApiVersion.parse("1.50"));
        assertEquals(HttpResponseStatus.BAD_REQUEST, newer.status());
        assertTrue(newer.getMessage().contains("Maximum supported API version is 1.43"), newer.getMessage());
        ApiError older = assertThrows(ApiError.class, () -> ApiVersion.parse("1.12"));
        assertTrue(older.getMessage().contains("Minimum supported API version is 1.24"), older.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2.0", "1.", "1.x", "1.4a", "01.43", "1.43.1", "1.99999"})
    void anythingElseIsNotAVersion(String text) {
        assertThrows(ApiError.class, () -> ApiVersion.parse(text));
    }
}
