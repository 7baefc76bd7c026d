package mydocker.syscall;

/**
 * The namespace flags of clone(2), unshare(2) and setns(2) (book 2.1: one flag
 * per namespace kind), from linux/sched.h.
 */
public final class CloneFlags {
    public static final int CLONE_FS = 0x00000200;
    /** Not a namespace: unshared, the calling thread gets its own descriptor table. */
    public static final int CLONE_FILES = 0x00000400;

    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    private static final FlagNames NAMES = new FlagNames()
            .add("CLONE_NEWNS", CLONE_NEWNS)
            .add("CLONE_NEWUTS", CLONE_NEWUTS)
            .add("CLONE_NEWIPC", CLONE_NEWIPC)
            .add("CLONE_NEWPID", CLONE_NEWPID)
            .add("CLONE_NEWNET", CLONE_NEWNET)
            .add("CLONE_NEWUSER", CLONE_NEWUSER)
            .add("CLONE_NEWCGROUP", CLONE_NEWCGROUP)
            .add("CLONE_FS", CLONE_FS)
            .add("CLONE_FILES", CLONE_FILES);

    private CloneFlags() {}

    public static String describe(long flags) {
        return NAMES.describe(flags);
    }
}
