package mydocker.ch07.oci;

import static mydocker.ch07.oci.Bundle.require;

/**
 * One device cgroup rule ({@code linux.resources.devices[i]}), checked: allow
 * or deny {@code access} (some of r, w, m: read, write, mknod; in that order,
 * each once) to devices of {@code type} — {@code c} character, {@code b}
 * block, {@code a} all — and numbers ({@link #ANY}: every one). A rule of type
 * {@code a} resets the list to "allow all" or "deny all", as the kernel reads
 * it, so it takes no numbers.
 */
public record DeviceCgroupRule(boolean allow, char type, long major, long minor, String access) {
    public static final long ANY = -1;
    private static final long U32_MAX = 0xffff_ffffL;

    /** The spec's rule at {@code field}; type defaults to {@code a}, numbers to any, allow to false (runc's reading). */
    static DeviceCgroupRule of(Spec.DeviceRule rule, String field) {
        require(rule != null, field, "is null");
        String type = rule.type() == null || rule.type().isEmpty() ? "a" : rule.type();
        require(type.equals("a") || type.equals("b") || type.equals("c"), field + ".type", "must be a, b or c");
        long major = number(rule.major(), field + ".major");
        long minor = number(rule.minor(), field + ".minor");
        require(
                !type.equals("a") || major == ANY && minor == ANY,
                field,
                "of type a means every device: give no major or minor (or type c or b)");
        return new DeviceCgroupRule(
                rule.allow() != null && rule.allow(), type.charAt(0), major, minor, access(rule.access(), field));
    }

    /** Null (or -1, as runc writes "any") is any; otherwise a u32, as devices.allow takes it. */
    private static long number(Long value, String field) {
        if (value == null || value == ANY) {
            return ANY;
        }
        require(value >= 0 && value <= U32_MAX, field, "must be 0 to " + U32_MAX + " (or left out: any)");
        return value;
    }

    /** Some of r, w, m, in that order. */
    private static String access(String access, String field) {
        require(
                access != null && !access.isEmpty() && access.chars().allMatch(c -> "rwm".indexOf(c) >= 0),
                field + ".access",
                "must be some of r, w and m (read, write, mknod)");
        StringBuilder canonical = new StringBuilder();
        for (char c : "rwm".toCharArray()) {
            if (access.indexOf(c) >= 0) {
                canonical.append(c);
            }
        }
        return canonical.toString();
    }

    public boolean everyDevice() {
        return type == 'a';
    }

    /** As devices.allow and devices.deny take it (cgroup v1): {@code c 1:3 rwm}, {@code b *:* m}, {@code a}. */
    public String line() {
        if (everyDevice()) {
            return "a";
        }
        return type + " " + (major == ANY ? "*" : Long.toString(major)) + ":"
                + (minor == ANY ? "*" : Long.toString(minor)) + " " + access;
    }

    @Override
    public String toString() {
        return (allow ? "allow " : "deny ") + line();
    }
}
