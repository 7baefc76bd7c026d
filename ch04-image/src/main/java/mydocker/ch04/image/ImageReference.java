package mydocker.ch04.image;

import java.util.regex.Pattern;

/**
 * {@code NAME[:TAG]} as Docker reads it: lowercase path components
 * ({@code busybox}, {@code library/busybox}, {@code my-app}), a tag of up to
 * 128 word characters, dots and dashes, {@code latest} by default.
 */
public record ImageReference(String name, String tag) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    public static ImageReference parse(String text) {
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        String name = colon > slash ? text.substring(0, colon) : text;
        String tag = colon > slash ? text.substring(colon + 1) : "latest";
        boolean ok = !name.isEmpty() && TAG.matcher(tag).matches();
        for (String component : name.split("/", -1)) {
            ok &= COMPONENT.matcher(component).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid reference format: '" + text
                    + "' (expected NAME[:TAG] in lowercase, e.g. busybox or my-app:1.0)");
        }
        return new ImageReference(name, tag);
    }

    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
