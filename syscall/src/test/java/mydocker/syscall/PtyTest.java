package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PtyTest {
    @Test
    void whatTheSlaveWritesTheMasterReads() {
        Pty pty = Pty.open("/dev/ptmx");
        int slave = pty.openSlave();
        try {
            assertTrue(pty.slave().matches("/dev/pts/[0-9]+"), pty.slave());
            assertTrue(Syscall.isatty(slave));
            Syscall.write(slave, "42\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[16];
            // The line discipline turns \n into \r\n on its way out (onlcr).
            assertEquals("42\r\n", new String(buf, 0, Syscall.read(pty.master(), buf), StandardCharsets.US_ASCII));
        } finally {
            Syscall.close(slave);
            Syscall.close(pty.master());
        }
    }
}
