package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mydocker.syscall.Errno;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;

/**
 * One control group under a parent ({@link CgroupParent}, {@code mydocker/} by
 * default), the book's {@code cgroups.CgroupManager} (2.2, 3.3), and the only
 * code that touches cgroup files: {@link #set} writes the limits (each
 * controller's, through its {@link Subsystem}), {@link #apply} moves a process
 * in, {@link #kill} and {@link #destroy} take the group away.
 *
 * <p>Two implementations, chosen from /proc/self/mountinfo ({@link CgroupMounts},
 * as youki does): {@link CgroupV1}, one hierarchy per controller, as the book
 * describes; and {@link CgroupV2}, the single unified hierarchy of current
 * distros.
 */
public interface CgroupManager extends AutoCloseable {
    /** Creates {@code <parent>/<name>} in the hierarchy this host mounts, under the environment's parent. */
    static CgroupManager create(String name) {
        return create(CgroupParent.fromEnvironment(), name);
    }

    /** Creates {@code <parent>/<name>} in the hierarchy this host mounts (levels that exist are kept). */
    static CgroupManager create(CgroupParent parent, String name) {
        return create(parent, name, Subsystem.ALL);
    }

    /**
     * As {@link #create(CgroupParent, String)}, in the hierarchies of {@code
     * subsystems}: a later chapter's list, the book's {@link Subsystem#ALL}
     * and its own (on v1 each needs its hierarchy mounted).
     */
    static CgroupManager create(CgroupParent parent, String name, List<Subsystem> subsystems) {
        return CgroupMounts.ofThisProcess().create(parent, name, subsystems);
    }

    /**
     * The existing group {@code <parent>/<name>}, made by an earlier command
     * (in a later chapter's hierarchies too); nothing is created, and it may be gone.
     */
    static CgroupManager open(CgroupParent parent, String name) {
        return CgroupMounts.ofThisProcess().existing(parent, name);
    }

    /** As {@link #open(CgroupParent, String)}, for a group made with {@code subsystems}. */
    static CgroupManager open(CgroupParent parent, String name, List<Subsystem> subsystems) {
        return CgroupMounts.ofThisProcess().open(parent, name, subsystems);
    }

    /**
     * The existing group {@code name} at the directories {@link #paths} gave
     * earlier (and someone wrote down). They are read as untrusted: each must
     * be a directory called {@code name} below a plain parent in a hierarchy
     * this host mounts, or IllegalArgumentException says which is not, and
     * nothing is touched.
     */
    static CgroupManager open(List<Path> recorded, String name) {
        return CgroupMounts.ofThisProcess().open(recorded, name);
    }

    /** "v1" or "v2". */
    String version();

    void set(ResourceConfig resources);

    /** Moves {@code pid} into the group; its future children are born there. */
    void apply(int pid);

    /** The limit files written by {@link #set} and what they read now, for the reader to see. */
    Map<Path, String> limits();

    /** The group's directories: one per hierarchy on v1, one on v2. */
    List<Path> paths();

    /** The group's directory that {@code subsystem}'s files are in: its own hierarchy's on v1, the one on v2. */
    Path path(Subsystem subsystem);

    /**
     * The levels of the parent that {@link #create} made because they did not
     * exist (none for a group opened): written down by whoever removes the
     * group later, so that {@link #destroy(List)} takes those and no others.
     */
    List<Path> parentsMade();

    /** The processes in the group (in any of its directories); none once it is gone. */
    default List<Integer> pids() {
        return paths().stream()
                .flatMap(dir -> CgroupFile.pids(dir).stream())
                .distinct()
                .toList();
    }

    /**
     * SIGKILL to every process in the group: what is left of a container that
     * nothing else can stop. One pass is enough for a container: its PID 1 is
     * among them, and the kernel kills the rest of its pid namespace with it,
     * even a process forked while the list was read.
     */
    default void kill() {
        for (int pid : pids()) {
            try {
                Syscall.kill(pid, Syscall.SIGKILL);
            } catch (SyscallException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw e;
                }
            }
        }
    }

    /** How many processes the kernel's OOM killer has killed in this group. */
    long oomKills();

    /**
     * Removes the group once its last processes have left (they may still be
     * exiting: a busy group is tried again for up to two seconds), and the
     * default parent {@code mydocker/} when it is empty; a group already gone
     * is fine. See {@link GroupRemoval}.
     */
    void destroy();

    /**
     * {@link #destroy()}, then each of {@code parentsMade} (an earlier
     * {@link #parentsMade}, read as untrusted) that is a parent level of this
     * group and empty, deepest first: the levels a container's create made go
     * with it, a level someone else made stays (another container may be in
     * it, or its owner's settings).
     */
    void destroy(List<Path> parentsMade);

    @Override
    default void close() {
        destroy();
    }
}
