package mydocker.syscall;

import java.util.concurrent.CompletableFuture;

/**
 * A process started by {@link Spawn}. Its parent is the thread that spawned
 * it, which reaps it; {@link #waitFor()} waits for that.
 */
public final class Child {
    private final int pid;
    private final CompletableFuture<WaitStatus> exit;

    Child(int pid, CompletableFuture<WaitStatus> exit) {
        this.pid = pid;
        this.exit = exit;
    }

    /** The pid as the host sees it (inside its PID namespace it may be 1). */
    public int pid() {
        return pid;
    }

    /** Waits for the process to end (and reaps it, when no thread of {@link Spawn} does). */
    public WaitStatus waitFor() {
        return exit != null ? exit.join() : Syscall.waitpid(pid);
    }

    public boolean hasExited() {
        return exit != null && exit.isDone();
    }

    /** Sends {@code signal}, unless the process has already been reaped (its pid may be reused). */
    public void kill(int signal) {
        try {
            if (!hasExited()) {
                Syscall.kill(pid, signal);
            }
        } catch (SyscallException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }
}
