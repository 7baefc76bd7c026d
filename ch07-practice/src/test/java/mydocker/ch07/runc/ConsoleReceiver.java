package mydocker.ch07.runc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import mydocker.syscall.ScmRights;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;
import mydocker.syscall.UnixSocket;

/**
 * The engine's side of a console socket, as runc's contrib {@code recvtty}:
 * listens on a path, takes the pty master a runtime sends, and is then the
 * container's terminal — types into it and reads what shows.
 */
final class ConsoleReceiver implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 60_000;
    private final Path path;
    private final int listening;
    private final CompletableFuture<ScmRights.Received> received;
    private int master = -1;

    ConsoleReceiver(Path path) {
        this.path = path;
        this.listening = UnixSocket.listen(path);
        this.received = CompletableFuture.supplyAsync(() -> {
            int connection = UnixSocket.accept(listening);
            try {
                return ScmRights.receive(connection);
            } finally {
                Syscall.close(connection);
            }
        });
    }

    Path path() {
        return path;
    }

    /** Waits for the master; fails if {@code senderGone} first (the runtime failed: it sends nothing). */
    ScmRights.Received master(BooleanSupplier senderGone) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try {
                ScmRights.Received got = received.get(100, TimeUnit.MILLISECONDS);
                master = got.fd();
                return got;
            } catch (TimeoutException e) {
                if (senderGone.getAsBoolean() && !received.isDone()) {
                    throw new AssertionError("the runtime ended without sending a master");
                }
            }
        }
        throw new AssertionError("no master in " + TIMEOUT_MILLIS + " ms");
    }

    /** Types {@code line} and a newline, as at a keyboard. */
    void type(String line) {
        Syscall.write(master, (line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What the terminal shows until its last user closes the slave (the master then reads EIO). */
    String readToEnd() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    ByteArrayOutputStream shown = new ByteArrayOutputStream();
                    byte[] buf = new byte[4096];
                    try {
                        for (int n; (n = Syscall.read(master, buf)) > 0; ) {
                            shown.write(buf, 0, n);
                        }
                    } catch (SyscallException e) {
                        // EIO: no slave open any more, the terminal's end
                    }
                    return shown.toString(StandardCharsets.UTF_8);
                })
                .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!received.isDone()) {
            // Lets the waiting accept through, so its thread ends.
            Syscall.close(UnixSocket.connect(path));
        }
        Syscall.close(listening);
        if (master >= 0) {
            Syscall.close(master);
        }
    }
}
