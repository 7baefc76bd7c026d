package mydocker.ch07.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.syscall.Errno;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;

/**
 * {@code process.oomScoreAdj}: how much the kernel's OOM killer prefers the
 * process, from -1000 (never) to 1000 (first), as /proc/PID/oom_score_adj
 * holds it. Absent, the score is left as inherited (the spec: the runtime
 * MUST NOT change it).
 *
 * <p>runc's init writes its own /proc/self/oom_score_adj before anything
 * else (nsexec). Here {@code create} and {@code exec} write the new
 * process's /proc/PID/oom_score_adj instead, while it waits on the start
 * pipe for its message ({@link HostStep#afterStart}), and that is the same:
 * the score belongs to the process (all its threads), execve keeps it and
 * fork copies it, so the process has it from before its own set-up to the
 * user's program and every child that forks; and the kernel's check is the
 * same — the writer's CAP_SYS_RESOURCE (this command has what the process
 * has before it drops any) against the lowest score the process may set,
 * which it inherited from this command. What differs is how a refusal is
 * told: here, once, by the command itself, with nothing of the container
 * made yet that the failed start does not undo.
 *
 * <p>A score the kernel refuses — lower than the caller may go without
 * CAP_SYS_RESOURCE, which root in this sandbox lacks — fails the create or
 * exec by name, as runc's does, rather than leaving the process with
 * another score than the one asked (Kubernetes' OOM order rests on it).
 */
public record OomScoreAdj(int score) implements HostStep {
    /** The kernel's range (OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX). */
    public static final int MIN = -1000;

    public static final int MAX = 1000;

    public OomScoreAdj {
        if (score < MIN || score > MAX) {
            throw new IllegalArgumentException("oom_score_adj " + score + " is outside " + MIN + " to " + MAX);
        }
    }

    /**
     * {@code process.oomScoreAdj} as the JSON holds it, checked: a whole
     * number from -1000 to 1000 (a fraction, a string or a number beyond
     * int's range is refused here by name, not rounded or coerced by the
     * JSON reader); {@code file} names where it came from in an error.
     */
    public static Optional<OomScoreAdj> of(JsonNode value, String file) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < MIN || value.intValue() > MAX) {
            throw new IllegalArgumentException(
                    file + ": process.oomScoreAdj " + value + " must be a whole number from " + MIN + " to " + MAX);
        }
        return Optional.of(new OomScoreAdj(value.intValue()));
    }

    /** The value as config.json writes it. */
    public JsonNode json() {
        return IntNode.valueOf(score);
    }

    /** The container's init, waiting for its message: its score, before any of its set-up. */
    @Override
    public void afterStart(Container container, int pid) {
        setFor(pid);
    }

    /**
     * Written with the syscall layer, so a refusal is read by its errno
     * (EACCES: only a lower score than the caller may set; EINVAL cannot
     * come, the value is in range).
     */
    public void setFor(int pid) {
        String file = "/proc/" + pid + "/oom_score_adj";
        try {
            int fd = Syscall.open(file, Syscall.O_WRONLY | Syscall.O_CLOEXEC);
            try {
                Syscall.write(fd, Integer.toString(score).getBytes(StandardCharsets.US_ASCII));
            } finally {
                Syscall.close(fd);
            }
        } catch (SyscallException e) {
            throw new IllegalStateException("process.oomScoreAdj " + score + " cannot be set: "
                    + (e.errno() == Errno.EACCES
                            ? "a score lower than the caller's own needs CAP_SYS_RESOURCE, which this runtime"
                                    + " does not have (oom_score_adj: EACCES)"
                            : e.getMessage()));
        }
    }
}
