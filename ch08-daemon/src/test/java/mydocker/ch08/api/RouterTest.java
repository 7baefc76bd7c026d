package mydocker.ch08.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router()
            .add("GET", "/containers/{id}/json", r -> ApiResponse.ok(r.pathParams()))
            .add("DELETE", "/containers/{id}", r -> ApiResponse.ok(r.pathParams()))
            .add("GET", "/_ping", r -> ApiResponse.text("OK", Map.of()));

    private static ApiRequest request(String method, String path) {
        return new ApiRequest(method, path, ApiVersion.CURRENT, Map.of(), Map.of(), new byte[0]);
    }

    @Test
    void aTemplatesPartMatchesOneSegmentAndIsNamed() throws Exception {
        assertEquals(
                Map.of("id", "web"),
                router.dispatch(request("GET", "/containers/web/json")).json());
        ApiError deeper = assertThrows(ApiError.class, () -> router.dispatch(request("GET", "/containers/a/b/json")));
        assertEquals(HttpResponseStatus.NOT_IMPLEMENTED, deeper.status());
    }

    @Test
    void anUnknownPathIs404AKnownOneWithAnotherMethod405() {
        ApiError unknown = assertThrows(ApiError.class, () -> router.dispatch(request("GET", "/nothing")));
        assertEquals(HttpResponseStatus.NOT_FOUND, unknown.status());
        assertEquals("page not found", unknown.getMessage());
        ApiError method = assertThrows(ApiError.class, () -> router.dispatch(request("POST", "/_ping")));
        assertEquals(HttpResponseStatus.METHOD_NOT_ALLOWED, method.status());
    }

    /**
     * An API route not served yet says so: a 404 there would make the CLI think an image is missing, and
     * a 405 (POST /containers/create matching DELETE /containers/{id}) would hide what is missing.
     */
    @Test
    void anEngineApiPathNotServedYetIs501NamingIt() {
        ApiError create = assertThrows(ApiError.class, () -> router.dispatch(request("POST", "/containers/create")));
        assertEquals(HttpResponseStatus.NOT_IMPLEMENTED, create.status());
        assertTrue(create.getMessage().contains("POST /containers/create"), create.getMessage());
    }

    @Test
    void queryFlagsAreDockersBooleans() {
        ApiRequest r = new ApiRequest(
                "GET",
                "/containers/json",
                ApiVersion.CURRENT,
                Map.of(
                        "all",
                        java.util.List.of("1"),
                        "size",
                        java.util.List.of("false"),
                        "x",
                        java.util.List.of("yes")),
                Map.of(),
                new byte[0]);
        assertTrue(r.flag("all"));
        assertEquals(false, r.flag("size"));
        assertEquals(false, r.flag("absent"));
        assertThrows(ApiError.class, () -> r.flag("x"));
    }
}
