package mydocker.ch08.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * What an endpoint answers: a status, a JSON value (a record, a map, a list;
 * null for no body) or plain text, and extra headers.
 */
public record ApiResponse(HttpResponseStatus status, Object json, String text, Map<String, String> headers) {
    public static ApiResponse ok(Object json) {
        return new ApiResponse(HttpResponseStatus.OK, json, null, Map.of());
    }

    /** A status without a body: 204 No Content, 304 Not Modified. */
    public static ApiResponse status(HttpResponseStatus status) {
        return new ApiResponse(status, null, null, Map.of());
    }

    public static ApiResponse text(String text, Map<String, String> headers) {
        return new ApiResponse(HttpResponseStatus.OK, null, text, headers);
    }
}
