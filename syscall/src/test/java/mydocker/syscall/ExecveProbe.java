package mydocker.syscall;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;

/**
 * Test program for {@link ExecveDescriptorsIT}: a JVM like a container's init,
 * one of whose threads keeps opening files without close-on-exec (as the
 * JVM's own threads do, e.g. a compiler thread reading the cgroup's memory
 * files) while the main thread execve's {@code ls /proc/self/fd}.
 */
public final class ExecveProbe {
    private ExecveProbe() {}

    public static void main(String[] args) throws Exception {
        Syscall.PreparedExecve ls = Syscall.prepareExecve(List.of("ls", "/proc/self/fd"), List.of());
        Thread opener = new Thread(() -> {
            try {
                while (true) {
                    new RandomAccessFile("/dev/null", "r"); // left open on purpose, as a JVM thread might
                }
            } catch (IOException e) {
                // out of descriptors: enough
            }
        });
        opener.setDaemon(true);
        opener.start();
        Thread.sleep(20);
        ls.execve("/bin/ls");
    }
}
