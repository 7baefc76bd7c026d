package mydocker.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: runs a spawn with its stdout on a pipe and returns what it wrote. */
final class Output {
    private Output() {}

    static String of(Spawn spawn) {
        int[] pipe = Syscall.pipe2(Syscall.O_CLOEXEC);
        Child child;
        try {
            child = spawn.fd(1, pipe[1]).start();
        } finally {
            Syscall.close(pipe[1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = Syscall.read(pipe[0], buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        Syscall.close(pipe[0]);
        child.waitFor();
        return out.toString(StandardCharsets.UTF_8);
    }
}
