package mydocker.syscall;

/** A process started by {@link Spawn}; the JVM is its parent and must reap it. */
public final class Child {
    private final int pid;

    Child(int pid) {
        this.pid = pid;
    }

    /** The pid as the host sees it (inside its PID namespace it may be 1). */
    public int pid() {
        return pid;
    }

    /** Waits for the process to end and reaps it (waitpid). */
    public WaitStatus waitFor() {
        return Syscall.waitpid(pid);
    }

    public void kill(int signal) {
        Syscall.kill(pid, signal);
    }
}
