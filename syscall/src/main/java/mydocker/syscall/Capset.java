package mydocker.syscall;

/**
 * The calling thread's capabilities (capabilities(7)), as runc's init sets
 * them: capget(2)/capset(2) for the effective, permitted and inheritable sets,
 * and the prctl(2) options for the bounding set, the ambient set and the
 * "keep capabilities" flag. A set is a {@code long}: bit {@code n} is
 * capability {@code n} ({@code 1L << 21} is CAP_SYS_ADMIN).
 *
 * <p>Every call here acts on the calling thread only, not on the JVM's other
 * threads: make them on the thread that calls execve (init's main thread),
 * whose sets are the ones the program's sets are computed from.
 */
public final class Capset {
    /**
     * {@code _LINUX_CAPABILITY_VERSION_3}: 64-bit sets passed as two 32-bit
     * words each (the older versions 1 and 2 hold 32 capabilities or are deprecated).
     */
    static final int VERSION_3 = 0x20080522;

    static final int PR_CAPBSET_READ = 23;
    static final int PR_CAPBSET_DROP = 24;
    static final int PR_SET_KEEPCAPS = 8;
    static final int PR_CAP_AMBIENT = 47;
    static final int PR_CAP_AMBIENT_RAISE = 2;
    static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    private Capset() {}

    /** A thread's three capget(2) sets. */
    public record Sets(long effective, long permitted, long inheritable) {}

    /** capget(2) of the calling thread. */
    public static Sets get() {
        int[] data = new int[6];
        Syscall.check(Syscall.LIBC.capget(header(), data), () -> Syscall.call("capget", "v3", 0));
        return fromWords(data);
    }

    /**
     * capset(2) of the calling thread. The kernel refuses (EPERM) a permitted
     * set larger than before, an effective set outside the new permitted, and
     * an inheritable set outside the bounding set.
     */
    public static void set(Sets sets) {
        Syscall.check(
                Syscall.LIBC.capset(header(), words(sets)),
                () -> Syscall.call(
                        "capset",
                        "v3",
                        Long.toHexString(sets.effective()),
                        Long.toHexString(sets.permitted()),
                        Long.toHexString(sets.inheritable())));
    }

    /** Whether {@code cap} is in the calling thread's bounding set (false for one the kernel does not have). */
    public static boolean inBounding(int cap) {
        return Syscall.LIBC.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1;
    }

    /**
     * Takes {@code cap} out of the bounding set for good: no execve can give it
     * back, not a setuid-root binary, not file capabilities. Needs CAP_SETPCAP.
     */
    public static void dropBounding(int cap) {
        Syscall.check(
                Syscall.LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), () -> Syscall.call("prctl", "PR_CAPBSET_DROP", cap));
    }

    /**
     * PR_SET_KEEPCAPS: whether the permitted set survives a change of all uids
     * from 0 to non-zero (the effective set is emptied either way). execve clears it.
     */
    public static void keepCaps(boolean keep) {
        Syscall.check(
                Syscall.LIBC.prctl(PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0),
                () -> Syscall.call("prctl", "PR_SET_KEEPCAPS", keep ? 1 : 0));
    }

    /** Empties the ambient set. */
    public static void clearAmbient() {
        Syscall.check(
                Syscall.LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0),
                () -> Syscall.call("prctl", "PR_CAP_AMBIENT", "PR_CAP_AMBIENT_CLEAR_ALL", 0));
    }

    /**
     * Adds {@code cap} to the ambient set: kept across execve of a program
     * without file capabilities, even by a non-root user. The kernel wants it
     * in both the permitted and the inheritable set first (EPERM otherwise).
     */
    public static void raiseAmbient(int cap) {
        Syscall.check(
                Syscall.LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0),
                () -> Syscall.call("prctl", "PR_CAP_AMBIENT", "PR_CAP_AMBIENT_RAISE", cap));
    }

    private static int[] header() {
        return new int[] {VERSION_3, 0};
    }

    /** struct __user_cap_data_struct[2]: {effective, permitted, inheritable} of caps 0-31, then of 32-63. */
    static int[] words(Sets sets) {
        return new int[] {
            (int) sets.effective(),
            (int) sets.permitted(),
            (int) sets.inheritable(),
            (int) (sets.effective() >>> 32),
            (int) (sets.permitted() >>> 32),
            (int) (sets.inheritable() >>> 32)
        };
    }

    static Sets fromWords(int[] data) {
        return new Sets(join(data[0], data[3]), join(data[1], data[4]), join(data[2], data[5]));
    }

    private static long join(int low, int high) {
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }
}
