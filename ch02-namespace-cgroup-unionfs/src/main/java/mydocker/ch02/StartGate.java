package mydocker.ch02;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Child;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;

/**
 * Holds a new process before its command runs, until {@link #open()}: the time
 * to put it into its cgroup, so the command never runs one instruction
 * unlimited. The process is {@code sh}, waiting to read one line on fd 3 (a
 * pipe from us) before it execs the command; end of file means exit 125
 * without running it. Chapter 3's init waits on a pipe the same way (book 3.4).
 */
final class StartGate implements AutoCloseable {
    private static final String WAIT_THEN_EXEC = "read -r _ <&3 || exit 125; exec 3<&-; exec \"$@\"";

    private final int[] pipe = Syscall.pipe2(Syscall.O_CLOEXEC);
    private Child held;
    private boolean writeEndOpen = true;

    Child start(List<String> argv) {
        List<String> gated = new ArrayList<>(List.of("sh", "-c", WAIT_THEN_EXEC, "gate"));
        gated.addAll(argv);
        try {
            held = Spawn.of(gated).fd(3, pipe[0]).start();
            return held;
        } finally {
            Syscall.close(pipe[0]);
        }
    }

    /** Lets the command run; from now on the caller waits for the process. */
    void open() {
        Syscall.write(pipe[1], "go\n".getBytes(StandardCharsets.US_ASCII));
        held = null;
        closeWriteEnd();
    }

    /**
     * If the gate was never opened (something failed on the way), the held
     * process reads end of file, exits 125, and is reaped here, before the
     * caller removes the cgroup it may already be in.
     */
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
