package mydocker.ch02;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Child;
import mydocker.syscall.Spawn;
import mydocker.syscall.StartPipe;

/**
 * Holds a demo's process before its command runs, until {@link #open()}: the
 * time to put it into its cgroup, so the command never runs one instruction
 * unlimited. The process is {@code sh}, waiting to read one line on fd 3
 * before it execs the command; end of file means exit 125 without running it.
 * Chapter 3's init waits on the same kind of pipe, in Java (book 3.4).
 */
final class StartGate implements AutoCloseable {
    private static final String WAIT_THEN_EXEC = "read -r _ <&3 || exit 125; exec 3<&-; exec \"$@\"";

    private final StartPipe pipe = new StartPipe();

    Child start(List<String> argv) {
        List<String> gated = new ArrayList<>(List.of("sh", "-c", WAIT_THEN_EXEC, "gate"));
        gated.addAll(argv);
        return pipe.start(Spawn.of(gated), 3);
    }

    /** Lets the command run. */
    void open() {
        pipe.release("go\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** If never opened, the process exits 125 and is reaped here, before its cgroup is removed. */
    @Override
    public void close() {
        pipe.close();
    }
}
