package mydocker.ch04.image;

import java.util.regex.Pattern;

/**
 * {@code [REGISTRY/]NAME[:TAG][@sha256:DIGEST]} as Docker's reference grammar
 * reads it: lowercase path components ({@code busybox}, {@code my-app},
 * {@code foo/bar}), a first component that is a registry when it has a dot or
 * a port or is {@code localhost} ({@code 127.0.0.1:5000/busybox}), a tag of up
 * to 128 word characters, dots and dashes ({@code latest} by default), and a
 * digest, here an image ID. Names are kept in Docker's short ("familiar")
 * form: {@code docker.io/library/busybox}, {@code index.docker.io/library/busybox}
 * and {@code library/busybox} are all {@code busybox}, so an image loaded
 * under one of them runs under any.
 */
public record ImageReference(String name, String tag, String digest) {
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final int NAME_MAX = 255;
    private static final String DOCKER_HUB = "docker.io";

    /** A name with a tag, as the store keeps names. */
    public ImageReference(String name, String tag) {
        this(name, tag, null);
    }

    public static ImageReference parse(String text) {
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(text);
            }
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        String name = colon > slash ? rest.substring(0, colon) : rest;
        String tag = colon > slash ? rest.substring(colon + 1) : digest == null ? "latest" : null;
        if (tag != null && !TAG.matcher(tag).matches() || !validName(name)) {
            throw invalid(text);
        }
        String familiar = familiar(name);
        if (HEX64.matcher(familiar).matches()) {
            // Docker's rule: such a name could not be told from an image ID.
            throw new IllegalArgumentException(
                    "invalid repository name (" + familiar + "), cannot specify 64-byte hexadecimal strings");
        }
        return new ImageReference(familiar, tag, digest);
    }

    /** {@code [registry/]component(/component)*}, 255 characters at most. */
    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > NAME_MAX) {
            return false;
        }
        String[] parts = name.split("/", -1);
        int first = hasRegistry(name) ? 1 : 0;
        if (first == 1 && (parts.length < 2 || !REGISTRY.matcher(parts[0]).matches())) {
            return false;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The registry the name is on: its first component when that is one, else Docker Hub's {@code docker.io}. */
    public String domain() {
        return hasRegistry(name) ? name.substring(0, name.indexOf('/')) : DOCKER_HUB;
    }

    /** The repository on {@link #domain}: {@code library/busybox} for Docker Hub's official {@code busybox}. */
    public String path() {
        if (hasRegistry(name)) {
            return name.substring(name.indexOf('/') + 1);
        }
        return name.contains("/") ? name : "library/" + name;
    }

    /** Docker's test: the first of several components is a registry if it has a dot, a port, capitals, or is localhost. */
    private static boolean hasRegistry(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = name.substring(0, slash);
        return first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || !first.equals(first.toLowerCase());
    }

    /** {@code docker.io/library/x} → {@code x}, {@code docker.io/foo/bar} → {@code foo/bar}; other registries stay. */
    private static String familiar(String name) {
        String path = name;
        if (hasRegistry(name)) {
            String registry = name.substring(0, name.indexOf('/'));
            if (!registry.equals(DOCKER_HUB) && !registry.equals("index." + DOCKER_HUB)) {
                return name;
            }
            path = name.substring(registry.length() + 1);
        }
        return path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0
                ? path.substring("library/".length())
                : path;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid reference format: '" + text
                + "' (expected [REGISTRY/]NAME[:TAG][@sha256:DIGEST] in lowercase, e.g. busybox or my-app:1.0)");
    }

    /** The name and tag alone, as the store keeps them; null when only a digest was given. */
    public ImageReference tagged() {
        return tag == null ? null : new ImageReference(name, tag);
    }

    @Override
    public String toString() {
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
