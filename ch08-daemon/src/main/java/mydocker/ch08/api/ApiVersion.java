package mydocker.ch08.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Engine API's version, {@code 1.NN}. The daemon speaks {@link #CURRENT}
 * and answers it in {@code _ping}'s {@code Api-Version} header; the docker
 * CLI then talks the lower of that and its own (the negotiation of
 * {@code docker version}'s "API version: 1.43 (downgraded from 1.50)").
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** Docker 24's API: what this daemon's answers follow. */
    public static final ApiVersion CURRENT = new ApiVersion(1, 43);
    /** The oldest a client may ask for, as dockerd's default. */
    public static final ApiVersion MINIMUM = new ApiVersion(1, 24);

    private static final Pattern SYNTAX = Pattern.compile("1\\.(\\d{1,3})");

    public static ApiVersion parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw ApiError.badRequest("'" + text + "' is not an API version (1.NN)");
        }
        ApiVersion v = new ApiVersion(1, Integer.parseInt(m.group(1)));
        if (v.compareTo(CURRENT) > 0) {
            throw ApiError.badRequest(
                    "client version " + v + " is too new. Maximum supported API version is " + CURRENT);
        }
        if (v.compareTo(MINIMUM) < 0) {
            throw ApiError.badRequest("client version " + v + " is too old. Minimum supported API version is " + MINIMUM
                    + ", please upgrade your client to a newer version");
        }
        return v;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
