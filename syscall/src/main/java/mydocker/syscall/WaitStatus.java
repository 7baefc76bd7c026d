package mydocker.syscall;

/** The status word of waitpid(2), decoded as the W* macros of sys/wait.h do. */
public record WaitStatus(int raw) {
    public boolean exited() {
        return (raw & 0x7f) == 0;
    }

    public boolean signaled() {
        return !exited() && (raw & 0x7f) != 0x7f;
    }

    public int exitStatus() {
        return (raw >> 8) & 0xff;
    }

    public int termSignal() {
        return raw & 0x7f;
    }

    /** As a shell and Docker report it: the exit status, or 128+N when killed by signal N. */
    public int exitCode() {
        return signaled() ? 128 + termSignal() : exitStatus();
    }

    @Override
    public String toString() {
        return signaled() ? "killed by signal " + termSignal() : "exited with status " + exitStatus();
    }
}
