package mydocker.syscall;

/**
 * Holds a new process at its start: it gets the read end of a pipe and waits
 * to read from it; {@link #release} writes what it waits for. Until then the
 * parent can finish its set-up, such as putting the process in its cgroup
 * (book 3.4's pipe). If the parent fails first, {@link #close} closes the pipe
 * — the process reads end of file and exits without running anything — and
 * reaps it, so nothing outlives the failure.
 */
public final class StartPipe implements AutoCloseable {
    private final int[] pipe = Syscall.pipe2(Syscall.O_CLOEXEC);
    private Child held;
    private boolean writeEndOpen = true;

    /** Starts {@code spawn} with the pipe's read end as its descriptor {@code childFd}. */
    public Child start(Spawn spawn, int childFd) {
        try {
            held = spawn.fd(childFd, pipe[0]).start();
            return held;
        } finally {
            Syscall.close(pipe[0]);
        }
    }

    /** Lets the process go on; from now on its parent waits for it as usual. */
    public void release(byte[] message) {
        try {
            Syscall.write(pipe[1], message);
        } finally {
            held = null;
            closeWriteEnd();
        }
    }

    @Override
    public void close() {
        closeWriteEnd();
        if (held != null) {
            held.waitFor();
            held = null;
        }
    }

    private void closeWriteEnd() {
        if (writeEndOpen) {
            writeEndOpen = false;
            Syscall.close(pipe[1]);
        }
    }
}
