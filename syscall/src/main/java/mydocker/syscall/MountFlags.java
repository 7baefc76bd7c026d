package mydocker.syscall;

/** mount(2) and umount2(2) flags, from linux/mount.h. */
public final class MountFlags {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_SYNCHRONOUS = 16;
    public static final long MS_REMOUNT = 32;
    public static final long MS_MANDLOCK = 64;
    public static final long MS_DIRSYNC = 128;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_UNBINDABLE = 1 << 17;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_STRICTATIME = 1 << 24;

    /** umount2: detach now, finish when the mount is no longer busy (book 4.1's old root). */
    public static final int MNT_DETACH = 2;

    private static final FlagNames NAMES = new FlagNames()
            .add("MS_RDONLY", MS_RDONLY)
            .add("MS_NOSUID", MS_NOSUID)
            .add("MS_NODEV", MS_NODEV)
            .add("MS_NOEXEC", MS_NOEXEC)
            .add("MS_SYNCHRONOUS", MS_SYNCHRONOUS)
            .add("MS_REMOUNT", MS_REMOUNT)
            .add("MS_MANDLOCK", MS_MANDLOCK)
            .add("MS_DIRSYNC", MS_DIRSYNC)
            .add("MS_NOATIME", MS_NOATIME)
            .add("MS_NODIRATIME", MS_NODIRATIME)
            .add("MS_BIND", MS_BIND)
            .add("MS_MOVE", MS_MOVE)
            .add("MS_REC", MS_REC)
            .add("MS_UNBINDABLE", MS_UNBINDABLE)
            .add("MS_PRIVATE", MS_PRIVATE)
            .add("MS_SLAVE", MS_SLAVE)
            .add("MS_SHARED", MS_SHARED)
            .add("MS_RELATIME", MS_RELATIME)
            .add("MS_STRICTATIME", MS_STRICTATIME);

    private MountFlags() {}

    public static String describe(long flags) {
        return NAMES.describe(flags);
    }
}
