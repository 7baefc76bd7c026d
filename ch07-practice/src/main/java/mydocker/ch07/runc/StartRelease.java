package mydocker.ch07.runc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code start}'s side of the {@link ExecFifo}: opening it for reading lets
 * the waiting init through ({@link AwaitStart}); init writes one byte, then
 * its write end closes at execve, which is when the process runs. Until the
 * byte, whether init is still alive is asked every 100 ms, so that a start
 * never waits for ever on a dead one. After it, no more: init's execve runs
 * on a thread other than its first (a JVM's main thread never is), and while
 * the kernel hands the pid over to that thread (de_thread), /proc shows the
 * old leader as a zombie — a start that asked then would call a starting
 * container ended (critest, under load). The end of file needs no check: it
 * comes at execve or at init's death.
 */
final class StartRelease {
    private static final long POLL_MILLIS = 100;

    private StartRelease() {}

    static void release(String id, Path fifo, BooleanSupplier initAlive) throws InterruptedException, IOException {
        try (InputStream in = awaitByte(id, fifo, initAlive)) {
            Files.deleteIfExists(fifo);
            in.transferTo(OutputStream.nullOutputStream()); // until execve closes init's end
        }
    }

    /** The FIFO open for reading once init's byte has come through it. */
    private static InputStream awaitByte(String id, Path fifo, BooleanSupplier initAlive) throws InterruptedException {
        CompletableFuture<InputStream> byteCame = CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = Files.newInputStream(fifo); // waits for init's open
                if (in.read() < 0) {
                    in.close();
                    return null; // init's end closed before its byte: it failed or was killed
                }
                return in;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        while (true) {
            try {
                InputStream in = byteCame.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (in == null) {
                    throw endedBeforeStart(id);
                }
                return in;
            } catch (TimeoutException e) {
                if (!initAlive.getAsBoolean()) {
                    throw endedBeforeStart(id);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "opening " + fifo + ": " + e.getCause().getMessage());
            }
        }
    }

    private static IllegalStateException endedBeforeStart(String id) {
        return new IllegalStateException("container " + id + "'s init ended before it was started");
    }
}
