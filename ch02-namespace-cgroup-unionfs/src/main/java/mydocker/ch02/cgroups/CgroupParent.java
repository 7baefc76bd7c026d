package mydocker.ch02.cgroups;

import java.util.regex.Pattern;

/**
 * The group under which a container's own group is made, Docker's
 * {@code --cgroup-parent}: {@code mydocker} unless said otherwise, so that a
 * container's limits live at {@code <hierarchy>/mydocker/<id>} as Docker's
 * live at {@code <hierarchy>/docker/<id>}. A user (or a test) gives another
 * to keep its containers apart from everyone else's on the machine.
 *
 * <p>It is a path below each hierarchy's root, checked here once: plain
 * components only, so that no value can climb out of the hierarchy
 * ({@code ..}) or name a control file.
 */
public record CgroupParent(String path) {
    /** The default parent, like Docker's {@code docker}. */
    public static final CgroupParent DEFAULT = new CgroupParent("mydocker");
    /**
     * The hierarchy's root itself: an OCI {@code cgroupsPath} of one name
     * ({@code /cgrouptest}) puts the group right below it, as runc does.
     */
    public static final CgroupParent ROOT = new CgroupParent("");
    /** The default for every command of this machine (tests set their own), like dockerd's --cgroup-parent. */
    public static final String ENV = "MYDOCKER_CGROUP_PARENT";

    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final int MAX_DEPTH = 8;

    /** {@code a/b} or {@code /a/b} (Docker takes both); refused with one line otherwise. */
    public static CgroupParent parse(String text) {
        String path = text.startsWith("/") ? text.substring(1) : text;
        String[] parts = path.split("/", -1);
        boolean ok = !path.isEmpty() && parts.length <= MAX_DEPTH;
        for (String part : parts) {
            ok &= COMPONENT.matcher(part).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid cgroup parent '" + text + "': give a path of plain names"
                    + " below the hierarchy's root, e.g. --cgroup-parent mydocker or /lab/alice");
        }
        return new CgroupParent(path);
    }

    /** {@code MYDOCKER_CGROUP_PARENT} if set, else {@link #DEFAULT}. */
    public static CgroupParent fromEnvironment() {
        String value = System.getenv(ENV);
        return value == null || value.isEmpty() ? DEFAULT : parse(value);
    }

    /** {@code flag} if given, else the environment's or the default. */
    public static CgroupParent of(String flag) {
        return flag == null ? fromEnvironment() : parse(flag);
    }

    /**
     * Only the default parent is removed once empty: a parent the user named
     * may be a group someone else made, which is not ours to remove.
     */
    boolean removeWhenEmpty() {
        return equals(DEFAULT);
    }

    @Override
    public String toString() {
        return path;
    }
}
