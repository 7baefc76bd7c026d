package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {
    @TempDir
    Path dir;

    @Test
    void whatIsConnectedToTheListenerReachesTheAcceptedSocket() {
        Path path = dir.resolve("console.sock");
        int listening = UnixSocket.listen(path);
        try {
            int client = UnixSocket.connect(path);
            int accepted = UnixSocket.accept(listening);
            Syscall.write(client, "hi".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[8];
            assertEquals("hi", new String(buf, 0, Syscall.read(accepted, buf), StandardCharsets.US_ASCII));
            Syscall.close(client);
            Syscall.close(accepted);
        } finally {
            Syscall.close(listening);
        }
    }

    @Test
    void aPathThatIsNotAListeningSocketIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-socket"), "x");
        SyscallException plain = assertThrows(SyscallException.class, () -> UnixSocket.connect(file));
        assertTrue(
                plain.getMessage().startsWith("connect(") && plain.getMessage().contains(file.toString()),
                plain.getMessage());
        SyscallException missing = assertThrows(SyscallException.class, () -> UnixSocket.connect(dir.resolve("none")));
        assertEquals(Errno.ENOENT, missing.errno());
        Path closed = dir.resolve("closed.sock");
        Syscall.close(UnixSocket.listen(closed));
        assertEquals(
                Errno.name(111),
                Errno.name(assertThrows(SyscallException.class, () -> UnixSocket.connect(closed))
                        .errno()));
    }

    @Test
    void aPathTooLongForSunPathIsRefusedNotCut() {
        Path longPath = dir.resolve("x".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnixSocket.connect(longPath));
        assertTrue(e.getMessage().contains("1 to 107 bytes"), e.getMessage());
    }
}
