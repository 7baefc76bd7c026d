package mydocker.ch08.api;

/** One route's work: the engine's answer to a request (or an {@link ApiError}). */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws Exception;
}
