package mydocker.ch08.api;

import java.util.List;
import java.util.Map;

/**
 * One API call, read once at the edge: the method, the path without its
 * {@code /v1.NN} prefix, the version the client asked for, the query's
 * parameters, the path's named parts ({@code {id}}) and the body's bytes.
 */
public record ApiRequest(
        String method,
        String path,
        ApiVersion version,
        Map<String, List<String>> query,
        Map<String, String> pathParams,
        byte[] body) {

    /** A query parameter's last value, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Docker's booleans in a query: 1, true, True (anything else but 0/false/empty is refused). */
    public boolean flag(String name) {
        String value = param(name);
        if (value == null || value.isEmpty() || value.equals("0") || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiError.badRequest("invalid value for " + name + ": '" + value + "' (give 1 or 0)");
    }

    /** A whole-number query parameter, {@code absent} when not given; anything else is refused. */
    public int intParam(String name, int absent) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid value for " + name + ": '" + value + "' (give a whole number)");
        }
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, version, query, Map.copyOf(params), body);
    }
}
