package mydocker.ch07.runc;

import java.util.regex.Pattern;

/**
 * A container's ID as an engine gives it to the runtime: runc's rule (letters,
 * digits and {@code _ + - .}, not {@code .} or {@code ..}), so that an ID is
 * always one plain name under the runtime's root directory.
 */
final class ContainerId {
    private static final Pattern VALID = Pattern.compile("[\\w+.-]{1,1024}");

    private ContainerId() {}

    static String check(String id) {
        if (id == null || !VALID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException(
                    "invalid container ID '" + id + "': use letters, digits, '_', '+', '-' and '.' (not . or ..)");
        }
        return id;
    }
}
