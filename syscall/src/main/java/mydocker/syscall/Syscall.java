package mydocker.syscall;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * The system calls of the book, one static method each, named as in Go's
 * {@code syscall} package that the book's code uses ({@code syscall.Mount},
 * {@code syscall.Unshare}, ...). A failure throws {@link SyscallException}
 * naming the call, its arguments and errno; nothing here returns -1.
 */
public final class Syscall {
    static final LibC LIBC = bind();
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int PR_SET_PDEATHSIG = 1;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_APPEND = 02000;
    public static final int O_CLOEXEC = 0x80000;
    /** A descriptor that names a file without opening it (for a FIFO: without waiting for the other end). */
    public static final int O_PATH = 010000000;

    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;
    private static final int ENODATA = 61;

    private Syscall() {}

    /**
     * jnr-ffi's default backend writes a class with ASM binding every method
     * of {@link LibC} at once: 60-100 ms at each JVM start, and a generated
     * class that class-data sharing cannot keep. Its reflection backend binds
     * a function at its first call instead; a container's start calls a few
     * dozen, once or twice each (bench/README.md has the breakdown).
     */
    private static LibC bind() {
        if (System.getProperty("jnr.ffi.asm.enabled") == null) {
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
        useUnpackedJffiStub();
        return LibraryLoader.create(LibC.class).load("c");
    }

    /**
     * jffi (under jnr-ffi) copies its native stub out of its jar into a temp
     * file at every JVM start: a zip read, SecureRandom for the name, a write,
     * 15-30 ms. The build unpacks it once into this module's target/jffi
     * (syscall/pom.xml); jffi loads it from there when told so. Elsewhere (this
     * jar in ~/.m2), jffi copies as before.
     */
    private static void useUnpackedJffiStub() {
        if (System.getProperty("jffi.boot.library.path") != null) {
            return;
        }
        try {
            Path own = Path.of(Syscall.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
            Path stubs = own.resolveSibling("jffi").resolve("jni").resolve(arch + "-Linux");
            if (Files.isDirectory(stubs)) {
                System.setProperty("jffi.boot.library.path", stubs.toString());
            }
        } catch (URISyntaxException e) {
            // jffi copies its own, as it always can
        }
    }

    public static void unshare(int flags) {
        check(LIBC.unshare(flags), () -> "unshare(" + CloneFlags.describe(flags) + ")");
    }

    public static void setns(int fd, int nstype) {
        check(LIBC.setns(fd, nstype), () -> "setns(" + fd + ", " + CloneFlags.describe(nstype) + ")");
    }

    public static void sethostname(String name) {
        check(LIBC.sethostname(name, name.length()), () -> call("sethostname", quote(name), name.length()));
    }

    public static void mount(String source, String target, String fstype, long flags, String data) {
        check(
                LIBC.mount(source, target, fstype, flags, data),
                () -> call(
                        "mount", quote(source), quote(target), quote(fstype), MountFlags.describe(flags), quote(data)));
    }

    public static void umount2(String target, int flags) {
        check(
                LIBC.umount2(target, flags),
                () -> call("umount2", quote(target), flags == MountFlags.MNT_DETACH ? "MNT_DETACH" : flags));
    }

    public static void chdir(String path) {
        check(LIBC.chdir(path), () -> call("chdir", quote(path)));
    }

    /** chmod(2), for the modes Java cannot set: setuid, setgid, sticky ({@code 01777} for /tmp). */
    public static void chmod(String path, int mode) {
        check(LIBC.chmod(path, mode), () -> call("chmod", quote(path), "0" + Integer.toOctalString(mode)));
    }

    /** mknod(2) of a character device {@code major:minor}, e.g. /dev/null is 1:3. */
    public static void mknodChar(String path, int permissions, int major, int minor) {
        mknod(path, S_IFCHR, permissions, major, minor);
    }

    /**
     * mknod(2) of a node of {@code type} ({@link #S_IFCHR}, {@link #S_IFBLK},
     * {@link #S_IFIFO}) with {@code permissions}, as the umask leaves them.
     */
    public static void mknod(String path, int type, int permissions, long major, long minor) {
        check(
                LIBC.mknod(path, type | permissions, makedev(major, minor)),
                () -> call(
                        "mknod",
                        quote(path),
                        "0" + Integer.toOctalString(type) + "|0" + Integer.toOctalString(permissions),
                        "makedev(" + major + ", " + minor + ")"));
    }

    /**
     * glibc's makedev(3): a minor above 255 or a major above 4095 is split
     * across the 64-bit dev_t; the old {@code major << 8 | minor} would make
     * 10:666 a different device.
     */
    static long makedev(long major, long minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    /**
     * statfs(2)'s {@code f_flags}: the mount flags of the filesystem {@code path}
     * is on ({@code ST_NOSUID}, {@code ST_NODEV}, {@code ST_NOEXEC}, ... have the
     * values of the MS_ flags). On x86-64 and arm64 struct statfs is 120 bytes
     * with f_flags, a long, at byte 80.
     */
    public static long statfsFlags(String path) {
        byte[] buf = new byte[120];
        check(LIBC.statfs(path, buf), () -> call("statfs", quote(path)));
        return ByteBuffer.wrap(buf, 80, 8).order(ByteOrder.nativeOrder()).getLong();
    }

    /** lsetxattr(2): e.g. overlay's {@code trusted.overlay.opaque} on a directory. */
    public static void lsetxattr(String path, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        check(
                LIBC.lsetxattr(path, name, bytes, bytes.length, 0),
                () -> call("lsetxattr", quote(path), quote(name), quote(value), bytes.length, 0));
    }

    /** lgetxattr(2) as a string, or null when the file has no such attribute. */
    public static String lgetxattr(String path, String name) {
        byte[] buf = new byte[256];
        long n = LIBC.lgetxattr(path, name, buf, buf.length);
        if (n < 0) {
            if (RUNTIME.getLastError() == ENODATA) {
                return null;
            }
            throw error(call("lgetxattr", quote(path), quote(name), "buf", buf.length));
        }
        return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
    }

    /** pivot_root(2) (book 4.1): {@code putOld} must be under {@code newRoot}. */
    public static void pivotRoot(String newRoot, String putOld) {
        long result = LIBC.syscall(pivotRootNumber(), newRoot, putOld);
        check((int) result, () -> call("pivot_root", quote(newRoot), quote(putOld)));
    }

    private static final int AT_FDCWD = -100;
    private static final long OPEN_TREE_CLONE = 1;
    private static final long OPEN_TREE_CLOEXEC = 02000000;
    private static final long AT_RECURSIVE = 0x8000;
    private static final long MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    // open_tree and move_mount came after the syscall tables were unified: one number everywhere.
    private static final long SYS_OPEN_TREE = 428;
    private static final long SYS_MOVE_MOUNT = 429;

    /**
     * open_tree(2) with OPEN_TREE_CLONE: a detached copy of the mount at
     * {@code path} (and of those under it when {@code recursive}), as a bind
     * mount would make it, held by the returned descriptor (close-on-exec)
     * until {@link #moveMount} attaches it.
     */
    public static int openTree(String path, boolean recursive) {
        long flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0);
        int fd = (int) LIBC.syscall(SYS_OPEN_TREE, AT_FDCWD, path, flags);
        check(
                fd,
                () -> call(
                        "open_tree",
                        "AT_FDCWD",
                        quote(path),
                        recursive ? "OPEN_TREE_CLONE|AT_RECURSIVE" : "OPEN_TREE_CLONE"));
        return fd;
    }

    /** move_mount(2): the detached mount held by {@code fd} attached at {@code target}. */
    public static void moveMount(int fd, String target) {
        check(
                (int) LIBC.syscall(SYS_MOVE_MOUNT, fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH),
                () -> call("move_mount", fd, quote(""), "AT_FDCWD", quote(target), "MOVE_MOUNT_F_EMPTY_PATH"));
    }

    static long pivotRootNumber() {
        switch (System.getProperty("os.arch")) {
            case "amd64":
            case "x86_64":
                return 155;
            case "aarch64":
            case "riscv64":
                return 41;
            default:
                throw new UnsupportedOperationException(
                        "pivot_root: no syscall number known for " + System.getProperty("os.arch"));
        }
    }

    /**
     * execve(2) in two steps: argv and envp put in native memory now, the
     * call later ({@link PreparedExecve#execve}: it replaces this process and
     * returns only by throwing; a missing program is ENOENT, one that cannot
     * be run EACCES or ENOEXEC). A
     * container's init prepares its command before pivot_root: jnr's first
     * native allocation starts its finalizer, whose logging reads the JDK's
     * security files, and after pivot_root those are gone.
     */
    public static PreparedExecve prepareExecve(List<String> argv, List<String> env) {
        NativeStrings nativeArgv = NativeStrings.of(argv);
        NativeStrings nativeEnv = NativeStrings.of(env);
        // jnr's reflection backend binds a function at its first call (see bind()):
        // bind execve now with a call that fails at once (ENOENT), so that nothing
        // is left to load between the descriptors' marking and the real call.
        LIBC.execve("", nativeArgv.pointer(), nativeEnv.pointer());
        return new PreparedExecve(argv, env.size(), nativeArgv, nativeEnv);
    }

    /** See {@link #prepareExecve}. */
    public static final class PreparedExecve {
        private final List<String> argv;
        private final int envSize;
        private final NativeStrings nativeArgv;
        private final NativeStrings nativeEnv;

        private PreparedExecve(List<String> argv, int envSize, NativeStrings nativeArgv, NativeStrings nativeEnv) {
            this.argv = argv;
            this.envSize = envSize;
            this.nativeArgv = nativeArgv;
            this.nativeEnv = nativeEnv;
        }

        /**
         * Replaces this process, whose program gets descriptors 0, 1 and 2 and
         * nothing else (the fd rule, BOOK-NOTES chapter 3). Marking the rest
         * close-on-exec is not enough in a JVM: its other threads open files at
         * any moment without that mark (a compiler thread reads the cgroup's
         * memory files), and one opened between the marking and execve would
         * reach the program. So this thread first takes a private copy of the
         * descriptor table (unshare(CLONE_FILES)): what the other threads open
         * from then on goes to the JVM's table, not to this one. Then it marks
         * 3 and up in its copy and calls execve, already bound. It marks rather
         * than closes: if execve fails, this thread still reads the JVM's jars
         * to report why. Returns only by throwing.
         */
        public void execve(String path) {
            execve(path, List.of());
        }

        /**
         * The same, with {@code lastCalls} made in between: after this thread's
         * descriptor table is its own and marked, right before execve. A call
         * that must come last goes there: a seccomp filter (it may deny the
         * unshare above) and what must follow it. They run on this thread, and
         * only this thread's state reaches the program. A failing one throws
         * its own exception, and execve is not called.
         */
        public void execve(String path, List<Runnable> lastCalls) {
            unshare(CloneFlags.CLONE_FILES);
            check(
                    LIBC.close_range(3, -1, CLOSE_RANGE_CLOEXEC),
                    () -> call("close_range", 3, "~0U", "CLOSE_RANGE_CLOEXEC"));
            lastCalls.forEach(Runnable::run);
            LIBC.execve(path, nativeArgv.pointer(), nativeEnv.pointer());
            throw error(call("execve", quote(path), argv, "[" + envSize + " vars]"));
        }
    }

    public static int getpid() {
        return LIBC.getpid();
    }

    /** The calling thread's id: what a cgroup v1 {@code tasks} file takes. */
    public static int gettid() {
        return LIBC.gettid();
    }

    public static void kill(int pid, int signal) {
        check(LIBC.kill(pid, signal), () -> call("kill", pid, signal));
    }

    /** Waits for {@code pid}, retrying when a signal interrupts the wait. */
    public static WaitStatus waitpid(int pid) {
        IntByReference status = new IntByReference();
        while (LIBC.waitpid(pid, status, 0) < 0) {
            if (RUNTIME.getLastError() != Errno.EINTR) {
                throw error(call("waitpid", pid, "&status", 0));
            }
        }
        return new WaitStatus(status.intValue());
    }

    public static int getpgrp() {
        return LIBC.getpgrp();
    }

    public static boolean isatty(int fd) {
        return LIBC.isatty(fd) == 1;
    }

    /** Makes {@code pgrp} the foreground process group of the terminal on {@code fd}. */
    public static void tcsetpgrp(int fd, int pgrp) {
        check(LIBC.tcsetpgrp(fd, pgrp), () -> call("tcsetpgrp", fd, pgrp));
    }

    public static void prctl(int option, long arg2) {
        check(LIBC.prctl(option, arg2, 0, 0, 0), () -> call("prctl", option, arg2, 0, 0, 0));
    }

    /** setrlimit(2): the calling process's {@code resource} limit (RLIMIT_* numbers, linux/resource.h). */
    public static void setrlimit(int resource, long soft, long hard) {
        check(LIBC.setrlimit(resource, new long[] {soft, hard}), () -> call("setrlimit", resource, soft, hard));
    }

    /**
     * The process's user, as runc's init switches to it just before execve:
     * supplementary groups, then gid, then uid (after setresuid nothing else
     * could be changed). glibc makes every thread of the JVM switch, not only
     * the caller. IDs are unsigned 32-bit: {@code (int) 4294967294L} is uid 4294967294.
     */
    public static void setUser(int uid, int gid, int[] groups) {
        check(LIBC.setgroups(groups.length, groups), () -> call("setgroups", groups.length, Arrays.toString(groups)));
        check(LIBC.setresgid(gid, gid, gid), () -> call("setresgid", gid, gid, gid));
        check(LIBC.setresuid(uid, uid, uid), () -> call("setresuid", uid, uid, uid));
    }

    /** umask(2); it cannot fail. */
    public static void umask(int mask) {
        LIBC.umask(mask);
    }

    public static int open(String path, int flags) {
        int fd = LIBC.open(path, flags, 0);
        check(fd, () -> call("open", quote(path), flags));
        return fd;
    }

    public static void close(int fd) {
        check(LIBC.close(fd), () -> call("close", fd));
    }

    /** dup3(2): {@code newfd} becomes a copy of {@code oldfd} (what it was is closed), with {@code flags} (O_CLOEXEC). */
    public static void dup3(int oldfd, int newfd, int flags) {
        check(LIBC.dup3(oldfd, newfd, flags), () -> call("dup3", oldfd, newfd, flags));
    }

    /** mkfifo(3): a named pipe; opening one end waits until the other end is opened too. */
    public static void mkfifo(String path, int mode) {
        check(LIBC.mkfifo(path, mode), () -> call("mkfifo", quote(path), "0" + Integer.toOctalString(mode)));
    }

    /** pipe2(2): returns {read end, write end}. */
    public static int[] pipe2(int flags) {
        int[] fds = new int[2];
        check(LIBC.pipe2(fds, flags), () -> call("pipe2", "fds", flags));
        return fds;
    }

    /**
     * socketpair(2) of two connected Unix stream sockets, close-on-exec: a
     * pipe that works both ways ({@link StartPipe}).
     */
    public static int[] socketpair() {
        int[] fds = new int[2];
        check(
                LIBC.socketpair(AF_UNIX, SOCK_STREAM | O_CLOEXEC, 0, fds),
                () -> call("socketpair", "AF_UNIX", "SOCK_STREAM|SOCK_CLOEXEC", 0, "fds"));
        return fds;
    }

    /** shutdown(2) of the sending half: the peer reads end of file, and may still answer. */
    public static void shutdownWrite(int fd) {
        final int shutWr = 1;
        check(LIBC.shutdown(fd, shutWr), () -> call("shutdown", fd, "SHUT_WR"));
    }

    /** Writes all of {@code bytes}, retrying short writes and EINTR. */
    public static void write(int fd, byte[] bytes) {
        for (int done = 0; done < bytes.length; ) {
            byte[] rest = Arrays.copyOfRange(bytes, done, bytes.length);
            long n = LIBC.write(fd, rest, rest.length);
            if (n < 0 && RUNTIME.getLastError() != Errno.EINTR) {
                throw error(call("write", fd, "buf", rest.length));
            }
            done += (int) Math.max(n, 0);
        }
    }

    /** read(2) once into {@code buf}, retrying EINTR; returns the count, 0 at end of file. */
    public static int read(int fd, byte[] buf) {
        while (true) {
            long n = LIBC.read(fd, buf, buf.length);
            if (n >= 0) {
                return (int) n;
            }
            if (RUNTIME.getLastError() != Errno.EINTR) {
                throw error(call("read", fd, "buf", buf.length));
            }
        }
    }

    /**
     * Brings network interface {@code name} up in the calling thread's network
     * namespace: {@code ip link set NAME up} as ioctl(2)s on a socket,
     * SIOCGIFFLAGS then SIOCSIFFLAGS with IFF_UP added, on a {@code struct ifreq}
     * (16 bytes of name, then the flags as a short; 40 bytes in all on x86_64).
     */
    public static void setInterfaceUp(String name) {
        final int afInet = 2;
        final int sockDgramCloexec = 2 | O_CLOEXEC;
        final long siocgifflags = 0x8913;
        final long siocsifflags = 0x8914;
        final short iffUp = 0x1;
        byte[] ifreq = new byte[40];
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, ifreq, 0, Math.min(bytes.length, 15));
        int fd = LIBC.socket(afInet, sockDgramCloexec, 0);
        check(fd, () -> call("socket", "AF_INET", "SOCK_DGRAM|SOCK_CLOEXEC", 0));
        try {
            check(LIBC.ioctl(fd, siocgifflags, ifreq), () -> call("ioctl", fd, "SIOCGIFFLAGS", quote(name)));
            short flags = (short) ((ifreq[16] & 0xff) | (ifreq[17] << 8) | iffUp);
            ifreq[16] = (byte) flags;
            ifreq[17] = (byte) (flags >> 8);
            check(
                    LIBC.ioctl(fd, siocsifflags, ifreq),
                    () -> call("ioctl", fd, "SIOCSIFFLAGS", quote(name) + "|IFF_UP"));
        } finally {
            close(fd);
        }
    }

    static void check(int result, Supplier<String> call) {
        if (result < 0) {
            throw error(call.get());
        }
    }

    static SyscallException error(String call) {
        return error(call, RUNTIME.getLastError());
    }

    static SyscallException error(String call, int errno) {
        return new SyscallException(call, errno, describe(errno));
    }

    /** strerror(3): {@code Permission denied} for EACCES. */
    public static String describe(int errno) {
        return LIBC.strerror(errno);
    }

    static String call(String name, Object... args) {
        StringJoiner out = new StringJoiner(", ", name + "(", ")");
        for (Object arg : args) {
            out.add(String.valueOf(arg));
        }
        return out.toString();
    }

    static String quote(String s) {
        return s == null ? "NULL" : "\"" + s + "\"";
    }
}
