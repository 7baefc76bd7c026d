package mydocker.ch07.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} answer to a request it refused
 * (RFC 7235, as the distribution spec's token auth uses it):
 * {@code Basic realm="…"}, or {@code Bearer realm="https://auth/token",
 * service="registry",scope="repository:x:pull"} — where to get a token, for
 * which service and which rights.
 */
public record Challenge(String scheme, Map<String, String> params) {
    private static final Pattern SCHEME = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9._~+/-]*)\\s*(.*)", Pattern.DOTALL);
    private static final Pattern PARAM =
            Pattern.compile("\\s*([A-Za-z0-9._-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,\"]*))\\s*(?:,|$)");

    public static Challenge parse(String header) {
        Matcher scheme = header == null ? null : SCHEME.matcher(header);
        if (scheme == null || !scheme.matches()) {
            throw new RegistryException("the registry asked for authentication without saying how"
                    + " (no usable WWW-Authenticate header)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = scheme.group(2);
        Matcher param = PARAM.matcher(rest);
        int at = 0;
        while (at < rest.length() && param.find(at) && param.start() == at) {
            String value = param.group(2) != null ? param.group(2).replaceAll("\\\\(.)", "$1") : param.group(3);
            params.put(param.group(1).toLowerCase(Locale.ROOT), value);
            at = param.end();
        }
        return new Challenge(scheme.group(1).toLowerCase(Locale.ROOT), Map.copyOf(params));
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public String param(String name) {
        return params.get(name);
    }
}
