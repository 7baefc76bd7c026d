package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScmRightsTest {
    @Test
    void aDescriptorSentIsTheSameOpenFileOnTheOtherSide() {
        int[] pair = Syscall.socketpair();
        int[] pipe = Syscall.pipe2(Syscall.O_CLOEXEC);
        try {
            ScmRights.send(pair[0], pipe[1], "/dev/ptmx");
            ScmRights.Received received = ScmRights.receive(pair[1]);
            assertEquals("/dev/ptmx", received.payload());
            assertNotEquals(pipe[1], received.fd(), "a new descriptor of the receiver's");
            Syscall.write(received.fd(), "through it".getBytes(StandardCharsets.US_ASCII));
            Syscall.close(received.fd());
            byte[] buf = new byte[64];
            assertEquals("through it", new String(buf, 0, Syscall.read(pipe[0], buf), StandardCharsets.US_ASCII));
        } finally {
            for (int fd : new int[] {pair[0], pair[1], pipe[0], pipe[1]}) {
                Syscall.close(fd);
            }
        }
    }

    @Test
    void aMessageWithoutADescriptorIsRefused() {
        int[] pair = Syscall.socketpair();
        try {
            Syscall.write(pair[0], "/dev/ptmx".getBytes(StandardCharsets.US_ASCII));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScmRights.receive(pair[1]));
            assertTrue(e.getMessage().contains("carried no descriptor"), e.getMessage());
        } finally {
            Syscall.close(pair[0]);
            Syscall.close(pair[1]);
        }
    }
}
