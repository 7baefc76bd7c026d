package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import mydocker.syscall.Syscall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * start's side of the exec FIFO, against a stand-in for init: a thread that
 * opens the other end, and a liveness answer the test controls.
 */
class StartReleaseTest {
    @TempDir
    Path dir;

    /**
     * Between init's byte and its end of file, init is in execve, which a JVM
     * calls on a thread other than its first: the kernel then shows the old
     * leader as a zombie until the pid is handed over (de_thread). A start
     * that asked then took a starting container for an ended one (critest,
     * under load: "init ended before it was started").
     */
    @Test
    void initLookingEndedWhileItExecsIsStillStarted() throws Exception {
        Path fifo = fifo();
        AtomicBoolean alive = new AtomicBoolean(true);
        CompletableFuture<Void> init = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write('0');
                out.flush();
                alive.set(false); // the execve's window: a zombie in /proc
                Thread.sleep(500);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        StartRelease.release("c1", fifo, alive::get);
        init.get();
        assertFalse(Files.exists(fifo), "the FIFO is gone once started");
    }

    @Test
    void anInitThatEndedBeforeItsByteIsSaidSo() throws Exception {
        Path fifo = fifo();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> StartRelease.release("c2", fifo, () -> false));
        assertEquals("container c2's init ended before it was started", e.getMessage());
    }

    @Test
    void anInitThatClosedWithoutItsByteIsSaidSo() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> StartRelease.release("c3", fifo, () -> true));
        assertEquals("container c3's init ended before it was started", e.getMessage());
        init.get();
    }

    private Path fifo() {
        Path fifo = dir.resolve(ExecFifo.FILE);
        Syscall.mkfifo(fifo.toString(), 0600);
        return fifo;
    }
}
