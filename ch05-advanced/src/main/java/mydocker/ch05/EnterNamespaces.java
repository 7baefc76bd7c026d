package mydocker.ch05;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.CloneFlags;
import mydocker.syscall.Syscall;

/**
 * {@link ExecInit}'s one step (book 5.4's {@code nsenter}): this thread enters
 * the container's ipc, uts, net and mount namespaces; it was born in its PID
 * namespace. The book does this in a cgo constructor because setns into a
 * mount namespace is refused to a process whose filesystem context is shared,
 * and the Go runtime has threads before main. Namespaces and that context
 * belong to threads, though: this thread first takes a context of its own
 * (unshare CLONE_FS), then setns's (without it, setns into a mount namespace
 * fails with EINVAL), and the execve that follows
 * runs on this same thread. Its root and cwd become the container's root.
 *
 * <p>The pid stays the container's: a process born in its PID namespace dies
 * with the container's first process, so while this runs that pid cannot have
 * been reused.
 */
public final class EnterNamespaces implements InitStep {
    /** The mount namespace last: it changes what /proc/PID/ns paths mean. */
    private static final List<String> KINDS = List.of("ipc", "uts", "net", "mnt");

    /** The container's first process, as the host sees its pid. */
    public static final InitMessage.Part<Integer> TARGET =
            new InitMessage.Part<>("target", (out, pid) -> out.writeInt(pid), in -> in.readInt());

    private final int target;

    public EnterNamespaces(int target) {
        this.target = target;
    }

    @Override
    public void run() {
        List<Integer> fds = new ArrayList<>();
        try {
            for (String kind : KINDS) {
                fds.add(Syscall.open("/proc/" + target + "/ns/" + kind, Syscall.O_RDONLY | Syscall.O_CLOEXEC));
            }
            Syscall.unshare(CloneFlags.CLONE_FS);
            fds.forEach(fd -> Syscall.setns(fd, 0));
        } finally {
            fds.forEach(Syscall::close);
        }
    }
}
