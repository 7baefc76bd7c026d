package mydocker.ch08.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the daemon refuses: Docker's status code and its error body,
 * {@code {"message": "..."}}, which the docker CLI prints as
 * {@code Error response from daemon: ...}.
 */
public final class ApiError extends RuntimeException {
    private final HttpResponseStatus status;

    public ApiError(HttpResponseStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(HttpResponseStatus.BAD_REQUEST, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(HttpResponseStatus.NOT_FOUND, message);
    }
}
