package mydocker.syscall;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A Unix stream socket named by a path: the console socket an engine gives
 * an OCI runtime ({@code --console-socket}, book 7.4), which the runtime
 * connects to and the engine listens on. Descriptors are close-on-exec.
 */
public final class UnixSocket {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM_CLOEXEC = 1 | Syscall.O_CLOEXEC;
    /** {@code struct sockaddr_un}: a 2-byte family, then sun_path[108], NUL-terminated. */
    private static final int SUN_PATH_MAX = 108;

    private UnixSocket() {}

    /**
     * A socket connected to the one listening at {@code path}. A path with no
     * listener is ECONNREFUSED, one that is not a socket ECONNREFUSED or
     * ENOTSOCK, a missing one ENOENT: each a {@link SyscallException} naming
     * the path.
     */
    public static int connect(Path path) {
        byte[] address = address(path);
        int fd = open();
        try {
            Syscall.check(
                    Syscall.LIBC.connect(fd, address, address.length),
                    () -> Syscall.call("connect", fd, "{AF_UNIX, " + Syscall.quote(path.toString()) + "}"));
            return fd;
        } catch (RuntimeException e) {
            Syscall.close(fd);
            throw e;
        }
    }

    /** A socket bound to {@code path} (which must not exist) and listening: the engine's side. */
    public static int listen(Path path) {
        byte[] address = address(path);
        int fd = open();
        try {
            Syscall.check(
                    Syscall.LIBC.bind(fd, address, address.length),
                    () -> Syscall.call("bind", fd, "{AF_UNIX, " + Syscall.quote(path.toString()) + "}"));
            Syscall.check(Syscall.LIBC.listen(fd, 1), () -> Syscall.call("listen", fd, 1));
            return fd;
        } catch (RuntimeException e) {
            Syscall.close(fd);
            throw e;
        }
    }

    /** Waits for the next connection on a listening socket; returns its descriptor. */
    public static int accept(int listening) {
        while (true) {
            int fd = Syscall.LIBC.accept4(listening, null, null, Syscall.O_CLOEXEC);
            if (fd >= 0) {
                return fd;
            }
            if (Syscall.RUNTIME.getLastError() != Errno.EINTR) {
                throw Syscall.error(Syscall.call("accept4", listening, "NULL", "NULL", "SOCK_CLOEXEC"));
            }
        }
    }

    private static int open() {
        int fd = Syscall.LIBC.socket(AF_UNIX, SOCK_STREAM_CLOEXEC, 0);
        Syscall.check(fd, () -> Syscall.call("socket", "AF_UNIX", "SOCK_STREAM|SOCK_CLOEXEC", 0));
        return fd;
    }

    /** {@code struct sockaddr_un} for {@code path}; a path too long for sun_path is refused, not cut. */
    static byte[] address(Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX || name.length == 0) {
            throw new IllegalArgumentException("socket path " + path + " must be 1 to " + (SUN_PATH_MAX - 1)
                    + " bytes long (a Unix socket's limit), not " + name.length);
        }
        byte[] address = new byte[2 + name.length + 1];
        address[0] = (byte) AF_UNIX; // sa_family_t, little-endian on every arch this runs on
        System.arraycopy(name, 0, address, 2, name.length);
        return address;
    }
}
