package mydocker.syscall;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a process in new namespaces: the Java form of the book's
 * {@code cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: ...}; cmd.Start()}.
 *
 * <p>Go can clone(2) with namespace flags because its runtime controls what runs
 * between fork and exec. A JVM cannot fork safely (it is multithreaded), so we
 * use two facts, each checked on Linux 6.x with JDK 17:
 * <ol>
 *   <li>Namespaces belong to threads. A dedicated thread calls
 *       {@code unshare(flags)}; the JVM's other threads stay where they were.</li>
 *   <li>That thread may not create threads once it has unshared a PID namespace,
 *       but posix_spawn(3) works from it (glibc clones with CLONE_VM|CLONE_VFORK,
 *       never CLONE_THREAD). The child is PID 1 of the new PID namespace and
 *       lives in the thread's new UTS, IPC, network and mount namespaces.</li>
 * </ol>
 * Hence the rule of this class: everything that allocates native memory or
 * might start a thread (argv, envp, file actions, spawn attributes) is prepared
 * in {@link #start()} <em>before</em> the thread unshares.
 */
public final class Spawn {
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    /** Generous upper bounds of glibc's opaque structs (80, 336 and 128 bytes on x86_64). */
    private static final int OPAQUE_STRUCT_SIZE = 512;

    private final List<String> argv;
    private List<String> env;
    private int namespaces;
    private Runnable inNamespaces = () -> {};
    private final Map<Integer, Integer> fds = new LinkedHashMap<>();
    private boolean newProcessGroup;
    private boolean newSession;
    private boolean reapOnThread = true;
    private final Map<Path, Integer> joined = new LinkedHashMap<>();

    private Spawn(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        this.argv = List.copyOf(argv);
        this.env = hostEnv();
    }

    /** {@code argv[0]} is looked up in PATH like execvp(3) does. */
    public static Spawn of(List<String> argv) {
        return new Spawn(argv);
    }

    /** The namespaces to create, as {@link CloneFlags} bits. */
    public Spawn unshare(int cloneFlags) {
        this.namespaces = cloneFlags;
        return this;
    }

    /**
     * Runs on the unshared thread before the spawn, e.g. sethostname(2) in the
     * new UTS namespace. It must not allocate native memory or start threads.
     */
    public Spawn inNamespaces(Runnable action) {
        this.inNamespaces = action;
        return this;
    }

    /** The environment, as {@code KEY=value} strings; the JVM's own by default. */
    public Spawn env(List<String> env) {
        this.env = List.copyOf(env);
        return this;
    }

    /** Makes the parent's {@code parentFd} the child's {@code childFd} (dup2). */
    public Spawn fd(int childFd, int parentFd) {
        fds.put(childFd, parentFd);
        return this;
    }

    /**
     * Starts the child in a process group of its own (setpgid(0, 0)), so that
     * it can be made the terminal's foreground group and a Ctrl-C reaches it,
     * not us.
     */
    public Spawn newProcessGroup() {
        this.newProcessGroup = true;
        return this;
    }

    /**
     * Starts the child in the existing namespace {@code file} (a
     * {@code /proc/PID/ns/*} file, or one bind-mounted elsewhere) of the kind
     * {@code cloneFlag}, instead of a new one: book 5.4's exec joins a
     * container's PID namespace so — setns(CLONE_NEWPID) moves the children of
     * the thread that calls it, never the caller, so it is the one namespace a
     * process cannot enter by itself — and an OCI runtime joins the ones its
     * config.json names by path. Joined before the new ones are made.
     */
    public Spawn join(Path file, int cloneFlag) {
        joined.put(file, cloneFlag);
        return this;
    }

    /**
     * Starts the child as the leader of a new session (setsid): no terminal, no
     * job control signals from ours; it may then take a terminal of its own
     * ({@link Pty#makeControlling}). It leads a new process group as well.
     */
    public Spawn newSession() {
        this.newSession = true;
        return this;
    }

    /**
     * The spawning thread ends right after the spawn instead of staying as the
     * child's parent and reaping it: for a child that must outlive this JVM
     * (a detached container), to be reaped by whoever inherits it.
     * {@link Child#waitFor()} then waits on the calling thread.
     */
    public Spawn withoutReaper() {
        this.reapOnThread = false;
        return this;
    }

    public Child start() {
        LibC libc = Syscall.LIBC;
        NativeStrings nativeArgv = NativeStrings.of(argv);
        NativeStrings nativeEnv = NativeStrings.of(env);
        Pointer actions = allocate();
        Pointer attr = allocate();
        Pointer noSignals = allocate();
        Pointer allSignals = allocate();
        libc.posix_spawn_file_actions_init(actions);
        libc.posix_spawnattr_init(attr);
        try {
            fds.forEach((child, parent) -> libc.posix_spawn_file_actions_adddup2(actions, parent, child));
            onlyTheGivenDescriptors(libc, actions);
            // The child starts with no blocked signals and default handlers: the
            // JVM's signal setup is the JVM's business, not the container's.
            libc.sigemptyset(noSignals);
            libc.sigfillset(allSignals);
            libc.posix_spawnattr_setsigmask(attr, noSignals);
            libc.posix_spawnattr_setsigdefault(attr, allSignals);
            short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            // A new session is a new process group too, and setpgid(2) on a session
            // leader is EPERM: the session, when asked, stands for both.
            if (newProcessGroup && !newSession) {
                libc.posix_spawnattr_setpgroup(attr, 0);
                flags |= POSIX_SPAWN_SETPGROUP;
            }
            if (newSession) {
                flags |= POSIX_SPAWN_SETSID;
            }
            libc.posix_spawnattr_setflags(attr, flags);
            IntByReference pid = new IntByReference();
            Map<Integer, Integer> nsFds = openNamespaces();
            return startOnNamespaceThread(reapOnThread, () -> {
                // CLONE_FS first, so that a chdir or chroot here stays on this thread
                // (and setns into a mount namespace is allowed).
                Syscall.unshare(CloneFlags.CLONE_FS);
                nsFds.forEach((fd, flag) -> Syscall.setns(fd, flag));
                Syscall.unshare(namespaces);
                inNamespaces.run();
                int error =
                        libc.posix_spawnp(pid, argv.get(0), actions, attr, nativeArgv.pointer(), nativeEnv.pointer());
                if (error != 0) {
                    // posix_spawn returns the error number instead of setting errno.
                    throw Syscall.error(Syscall.call("posix_spawnp", Syscall.quote(argv.get(0)), argv), error);
                }
                return pid.intValue();
            });
        } finally {
            closeNamespaces();
            libc.posix_spawnattr_destroy(attr);
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    /**
     * The fd rule (BOOK-NOTES, chapter 3): the child holds 0, 1, 2 and the
     * descriptors given with {@link #fd}, nothing else. posix_spawn, like
     * exec, passes on every descriptor not marked close-on-exec, and a JVM
     * opens its jars, the JDK's modules file and its sockets without that
     * mark: a container would get them, writable through /proc/self/fd.
     * So the child closes the gaps below the highest given descriptor and,
     * with glibc's closefrom action (2.34+, close_range(2) underneath),
     * everything above it.
     */
    private void onlyTheGivenDescriptors(LibC libc, Pointer actions) {
        int highest = Math.max(
                2, fds.keySet().stream().mapToInt(Integer::intValue).max().orElse(2));
        for (int fd = 3; fd < highest; fd++) {
            if (!fds.containsKey(fd)) {
                libc.posix_spawn_file_actions_addclose(actions, fd);
            }
        }
        check(
                libc.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1),
                "posix_spawn_file_actions_addclosefrom_np");
    }

    /** The posix_spawn family returns the error number instead of setting errno. */
    private static void check(int error, String call) {
        if (error != 0) {
            throw Syscall.error(call, error);
        }
    }

    /**
     * Runs {@code spawn} on a fresh thread, which then stays as the child's
     * parent and reaps it. It must outlive the child: the kernel sends a
     * PR_SET_PDEATHSIG signal (chapter 3's init asks for one) when the parent
     * <em>thread</em> exits, not the parent process. Its namespaces go with it;
     * the child keeps its own.
     */
    private static Child startOnNamespaceThread(boolean reap, IntSupplier spawn) {
        CompletableFuture<Integer> started = new CompletableFuture<>();
        CompletableFuture<WaitStatus> exited = new CompletableFuture<>();
        Thread parent = new Thread(
                () -> {
                    int pid;
                    try {
                        pid = spawn.getAsInt();
                    } catch (RuntimeException e) {
                        started.completeExceptionally(e);
                        return;
                    }
                    started.complete(pid);
                    if (!reap) {
                        return;
                    }
                    try {
                        exited.complete(Syscall.waitpid(pid));
                    } catch (RuntimeException e) {
                        exited.completeExceptionally(e);
                    }
                },
                "namespace-parent");
        parent.setDaemon(true);
        parent.start();
        try {
            return new Child(started.join(), reap ? exited : null);
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** fd → clone flag of each namespace to join, opened before the thread needs them. */
    private final Map<Integer, Integer> openedNamespaces = new LinkedHashMap<>();

    private Map<Integer, Integer> openNamespaces() {
        joined.forEach((file, flag) ->
                openedNamespaces.put(Syscall.open(file.toString(), Syscall.O_RDONLY | Syscall.O_CLOEXEC), flag));
        return openedNamespaces;
    }

    private void closeNamespaces() {
        openedNamespaces.keySet().forEach(Syscall::close);
        openedNamespaces.clear();
    }

    private static Pointer allocate() {
        return Memory.allocateDirect(Syscall.RUNTIME, OPAQUE_STRUCT_SIZE, true);
    }

    private static List<String> hostEnv() {
        List<String> env = new ArrayList<>();
        System.getenv().forEach((k, v) -> env.add(k + "=" + v));
        return env;
    }
}
