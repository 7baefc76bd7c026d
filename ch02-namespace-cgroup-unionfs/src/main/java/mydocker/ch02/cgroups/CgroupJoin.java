package mydocker.ch02.cgroups;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mydocker.syscall.Syscall;

/**
 * The container's side of its cgroup (book 3.3): chapter 3's init joins the
 * group itself, as its very last step before execve, so that the user's
 * command starts inside the limits while the init JVM's own memory never
 * counts against them (BOOK-NOTES, chapter 3: the init JVM's memory). A
 * process that moves into a group does not take its charged pages along: the
 * JVM's stay charged where it started; only what is allocated afterwards, the
 * command's memory after execve, is charged to the container.
 *
 * <p>Each group's {@code cgroup.procs} (one per v1 hierarchy, one on v2, the
 * directories {@link CgroupManager#paths} gave the CLI) is opened before
 * pivot_root, while the host's /sys/fs/cgroup is still in view, and written
 * after it. It lives here, beside {@link CgroupManager#apply}, so that this
 * package is the only code that touches cgroup files; it is not a
 * CgroupManager because init has only the paths, and must not spend its start
 * on reading mountinfo to find them again.
 */
public final class CgroupJoin {
    private static final byte[] THIS_PROCESS = "0".getBytes(StandardCharsets.US_ASCII);
    private final List<Integer> procs;

    private CgroupJoin(List<Integer> procs) {
        this.procs = procs;
    }

    /** Opens {@code cgroup.procs} in each of the group's directories. */
    public static CgroupJoin open(List<Path> groups) {
        return new CgroupJoin(groups.stream()
                .map(dir -> Syscall.open(dir + "/cgroup.procs", Syscall.O_WRONLY | Syscall.O_CLOEXEC))
                .toList());
    }

    /** Moves this whole process (all its threads) into the group: "0" means the writer. */
    public void join() {
        for (int fd : procs) {
            Syscall.write(fd, THIS_PROCESS);
            Syscall.close(fd);
        }
    }
}
