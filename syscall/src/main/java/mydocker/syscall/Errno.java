package mydocker.syscall;

import java.util.Map;

/**
 * errno numbers and their symbolic names, so that an error says {@code EINVAL}
 * (what the man page lists) rather than {@code 22}. The numbers are Linux's
 * generic ones (x86_64, arm64, riscv); only the names are kept here, the
 * description comes from libc's strerror.
 */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"),
            Map.entry(2, "ENOENT"),
            Map.entry(3, "ESRCH"),
            Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"),
            Map.entry(6, "ENXIO"),
            Map.entry(7, "E2BIG"),
            Map.entry(8, "ENOEXEC"),
            Map.entry(9, "EBADF"),
            Map.entry(10, "ECHILD"),
            Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"),
            Map.entry(14, "EFAULT"),
            Map.entry(15, "ENOTBLK"),
            Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"),
            Map.entry(18, "EXDEV"),
            Map.entry(19, "ENODEV"),
            Map.entry(20, "ENOTDIR"),
            Map.entry(21, "EISDIR"),
            Map.entry(22, "EINVAL"),
            Map.entry(23, "ENFILE"),
            Map.entry(24, "EMFILE"),
            Map.entry(25, "ENOTTY"),
            Map.entry(26, "ETXTBSY"),
            Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"),
            Map.entry(29, "ESPIPE"),
            Map.entry(30, "EROFS"),
            Map.entry(31, "EMLINK"),
            Map.entry(32, "EPIPE"),
            Map.entry(33, "EDOM"),
            Map.entry(34, "ERANGE"),
            Map.entry(35, "EDEADLK"),
            Map.entry(36, "ENAMETOOLONG"),
            Map.entry(37, "ENOLCK"),
            Map.entry(38, "ENOSYS"),
            Map.entry(39, "ENOTEMPTY"),
            Map.entry(40, "ELOOP"),
            Map.entry(61, "ENODATA"),
            Map.entry(75, "EOVERFLOW"),
            Map.entry(88, "ENOTSOCK"),
            Map.entry(95, "EOPNOTSUPP"),
            Map.entry(98, "EADDRINUSE"),
            Map.entry(99, "EADDRNOTAVAIL"),
            Map.entry(105, "ENOBUFS"),
            Map.entry(110, "ETIMEDOUT"),
            Map.entry(111, "ECONNREFUSED"),
            Map.entry(122, "EDQUOT"));

    private Errno() {}

    /** {@code EINVAL} for 22; {@code errno 200} for a number this table lacks. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
