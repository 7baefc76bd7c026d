package mydocker.ch07.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.syscall.Syscall;

/**
 * runc's {@code exec.fifo} (book 7.4: why create and start are two commands):
 * a named pipe in the container's state directory. After {@code create} the
 * container's init has done all its set-up and waits to open the pipe for
 * writing ({@link AwaitStart}); {@code start} opens it for reading, which lets
 * init through to execve. The wait outlives the {@code create} process, as a
 * pipe to it could not. Its existence is how {@code state} tells created
 * from running.
 */
public final class ExecFifo implements HostStep {
    static final String FILE = "exec.fifo";
    /** Where the FIFO is, for init. */
    public static final InitMessage.Part<Path> PART = new InitMessage.Part<>(
            "exec-fifo", (out, path) -> out.writeUTF(path.toString()), in -> Path.of(in.readUTF()));

    private final Path file;

    ExecFifo(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    @Override
    public void beforeStart(Container container) {
        Syscall.mkfifo(file.toString(), 0622);
    }

    @Override
    public InitMessage forInit(InitMessage message) {
        return message.with(PART, file);
    }

    @Override
    public void cleanUp(Container container) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
