package mydocker.ch08.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * What an endpoint answers: a status, a JSON value (a record, a map, a list;
 * null for no body), plain text, or a stream written as it comes (logs), and
 * extra headers.
 */
public record ApiResponse(
        HttpResponseStatus status, Object json, String text, Map<String, String> headers, Streamer stream) {

    /** A body written piece by piece, for as long as it lasts (a log followed until its container ends). */
    @FunctionalInterface
    public interface Streamer {
        void writeTo(Sink sink) throws Exception;
    }

    /** Where a stream's bytes go: each write is sent (and waited for) before the next is read. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes) throws Exception;
    }

    public static ApiResponse ok(Object json) {
        return new ApiResponse(HttpResponseStatus.OK, json, null, Map.of(), null);
    }

    /** A status without a body: 204 No Content, 304 Not Modified. */
    public static ApiResponse status(HttpResponseStatus status) {
        return new ApiResponse(status, null, null, Map.of(), null);
    }

    public static ApiResponse text(String text, Map<String, String> headers) {
        return new ApiResponse(HttpResponseStatus.OK, null, text, headers, null);
    }

    public static ApiResponse stream(String contentType, Streamer stream) {
        return new ApiResponse(HttpResponseStatus.OK, null, null, Map.of("Content-Type", contentType), stream);
    }
}
