package mydocker.syscall;

/**
 * A libc call that failed. The message reads like strace, so the reader can
 * look the call up in its man page:
 * {@code mount("overlay", "/var/lib/mydocker/m", "overlay", MS_NODEV, "lowerdir=…"): EINVAL (Invalid argument)}.
 */
public final class SyscallException extends RuntimeException {
    private final String call;
    private final int errno;

    public SyscallException(String call, int errno, String description) {
        super(call + ": " + Errno.name(errno) + " (" + description + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call as written in the message, e.g. {@code unshare(CLONE_NEWUSER)}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
