package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalDispositionTest {
    private static final int SIGUSR2 = 12;

    @Test
    void closePutsBackTheHandlerThatWasThere() throws InterruptedException {
        BlockingQueue<String> heard = new ArrayBlockingQueue<>(4);
        try (var outer = SignalDisposition.handle("USR2", n -> heard.add("outer " + n))) {
            try (var inner = SignalDisposition.handle("USR2", n -> heard.add("inner " + n))) {
                Syscall.kill(Syscall.getpid(), SIGUSR2);
                assertEquals("inner 12", heard.poll(10, TimeUnit.SECONDS));
            }
            Syscall.kill(Syscall.getpid(), SIGUSR2);
            assertEquals("outer 12", heard.poll(10, TimeUnit.SECONDS));
        }
    }
}
