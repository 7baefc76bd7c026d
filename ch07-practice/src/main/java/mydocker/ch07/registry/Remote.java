package mydocker.ch07.registry;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mydocker.ch04.image.ImageReference;

/**
 * Where a name lives in the distribution API: the registry's host
 * ({@code 127.0.0.1:5000}, or Docker Hub's {@code registry-1.docker.io} for a
 * name without one) and the repository's path on it ({@code x},
 * {@code library/busybox}). Docker speaks plain HTTP only to registries it is
 * told are insecure, and to 127.0.0.0/8 by default; so do we, with
 * {@code MYDOCKER_INSECURE_REGISTRIES} (comma-separated hosts) as the daemon's
 * {@code insecure-registries}.
 */
public record Remote(String host, String repository, boolean plainHttp) {
    static final String INSECURE_VARIABLE = "MYDOCKER_INSECURE_REGISTRIES";
    /** The key Docker keeps Docker Hub's credentials under in config.json. */
    static final String HUB_KEY = "https://index.docker.io/v1/";

    private static final String HUB_API = "registry-1.docker.io";
    /** A registry's address as a reference names it: a DNS name or IPv4 address, and a port. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?");

    public static Remote of(ImageReference ref) {
        if (ref.domain().equals("docker.io")) {
            return new Remote(HUB_API, ref.path(), false);
        }
        return new Remote(ref.domain(), ref.path(), insecure(ref.domain()));
    }

    /** A registry alone, as {@code login} names one: {@code 127.0.0.1:5000}, {@code http://host}, or Docker Hub. */
    public static Remote server(String text) {
        if (text == null || text.equals(HUB_KEY) || text.equals("docker.io")) {
            return new Remote(HUB_API, "", false);
        }
        String host = text.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("not a registry address: '" + text + "' (expected HOST[:PORT])");
        }
        return new Remote(host, "", insecure(host));
    }

    /** The key of this registry's credentials in config.json, as Docker writes it. */
    public String credentialsKey() {
        return host.equals(HUB_API) ? HUB_KEY : host;
    }

    public URI base() {
        return URI.create((plainHttp ? "http://" : "https://") + host);
    }

    /** {@code /v2/<repository>/<rest>} on this registry. */
    public URI api(String rest) {
        return base().resolve("/v2/" + repository + "/" + rest);
    }

    /** The name Docker prints for it: {@code 127.0.0.1:5000/x}, {@code docker.io/library/busybox}. */
    public String displayName() {
        return (host.equals(HUB_API) ? "docker.io" : host) + "/" + repository;
    }

    /** Whether {@code uri} is on this registry: same scheme, host and port. Uploads go nowhere else. */
    public boolean owns(URI uri) {
        URI base = base();
        return base.getScheme().equals(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    private static boolean insecure(String host) {
        String bare = hostOnly(host);
        if (bare.equals("localhost") || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        String configured = System.getenv(INSECURE_VARIABLE);
        Set<String> named = configured == null
                ? Set.of()
                : Arrays.stream(configured.split(",")).map(String::strip).collect(Collectors.toSet());
        return named.contains(host);
    }

    private static String hostOnly(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
