package mydocker.syscall;

import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * The libc functions the chapters call, and nothing more: jnr-ffi binds every
 * method of this interface when it loads, and each container start loads it
 * twice (CLI JVM and init JVM), so an unused binding is paid for on every run.
 *
 * <p>Callers use {@link Syscall}, which turns -1/errno into {@link SyscallException}.
 * Strings are passed as C strings; argv/envp arrays are built by
 * {@link NativeStrings} before any namespace is entered (see {@link Spawn}).
 */
public interface LibC {
    // Namespaces (book 2.1, 5.4)
    int unshare(int flags);

    int setns(int fd, int nstype);

    int sethostname(String name, long len);

    // Mounts and the root (book 2.1, 3.2, 4.1)
    int mount(String source, String target, String fstype, long flags, String data);

    int umount2(String target, int flags);

    int chdir(String path);

    int chmod(String path, int mode);

    int mknod(String path, int mode, long dev);

    int statfs(String path, byte[] buf);

    int lsetxattr(String path, String name, byte[] value, long size, int flags);

    long lgetxattr(String path, String name, byte[] value, long size);
    /** glibc has no pivot_root wrapper: it is reached through syscall(2). */
    long syscall(long number, String newRoot, String putOld);
    /** Nor a bpf(2) wrapper: syscall(SYS_bpf, cmd, attr, size) ({@link Bpf}). */
    long syscall(long number, int cmd, Pointer attr, long size);

    /** Nor a seccomp(2) one: {@code syscall(SYS_seccomp, operation, flags, args)} (chapter 7's filter). */
    long syscall(long number, long operation, long flags, Pointer args);

    /** Nor open_tree(2): {@code syscall(SYS_open_tree, dirfd, path, flags)} ({@link Syscall#openTree}). */
    long syscall(long number, int dirfd, String path, long flags);

    /** Nor move_mount(2): {@code syscall(SYS_move_mount, fromDirfd, fromPath, toDirfd, toPath, flags)}. */
    long syscall(long number, int fromDirfd, String fromPath, int toDirfd, String toPath, long flags);

    // Processes
    int getpid();

    int gettid();

    int execve(String path, Pointer argv, Pointer envp);

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawnp(IntByReference pid, String file, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);
    /** glibc 2.34+ (Debian 12 has 2.36): closes every descriptor from {@code from} up in the child. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);

    int waitpid(int pid, IntByReference status, int options);

    int kill(int pid, int signal);

    int getpgrp();

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    // Capabilities (chapter 7): {@code header} is {version, pid}, {@code data} two
    // {effective, permitted, inheritable} words, low 32 capabilities first ({@link Capset}).
    int capget(int[] header, int[] data);

    int capset(int[] header, int[] data);

    /** {@code limits} is struct rlimit: {soft, hard}. */
    int setrlimit(int resource, long[] limits);

    // The process's user (glibc applies each to every thread of the process, the JVM's too)
    int setgroups(long size, int[] list);

    int setresgid(int rgid, int egid, int sgid);

    int setresuid(int ruid, int euid, int suid);

    int umask(int mask);

    // File descriptors
    int open(String path, int flags, int mode);

    int close(int fd);

    int pipe2(int[] fds, int flags);

    int dup3(int oldfd, int newfd, int flags);

    int mkfifo(String path, int mode);

    int socketpair(int domain, int type, int protocol, int[] fds);

    int shutdown(int fd, int how);

    long read(int fd, byte[] buf, long count);

    long write(int fd, byte[] buf, long count);

    int close_range(int first, int last, int flags);

    /** An anonymous file in memory (what libseccomp writes a compiled filter to). */
    int memfd_create(String name, int flags);

    long lseek(int fd, long offset, int whence);

    int isatty(int fd);

    int tcsetpgrp(int fd, int pgrp);

    // The network (book 3: a container's loopback)
    int socket(int domain, int type, int protocol);

    /** {@code arg} is a struct or int the call reads or fills; null passes 0 (TIOCSCTTY's "do not steal"). */
    int ioctl(int fd, long request, byte[] arg);

    // Unix sockets and passing a descriptor (chapter 7's console socket)
    int connect(int fd, byte[] sockaddr, int len);

    int bind(int fd, byte[] sockaddr, int len);

    int listen(int fd, int backlog);

    int accept4(int fd, Pointer sockaddr, Pointer len, int flags);

    long sendmsg(int fd, Pointer msghdr, int flags);

    long recvmsg(int fd, Pointer msghdr, int flags);

    String strerror(int errnum);
}
