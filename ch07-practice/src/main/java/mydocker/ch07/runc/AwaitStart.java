package mydocker.ch07.runc;

import java.nio.file.Path;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitStep;
import mydocker.syscall.StartPipe;
import mydocker.syscall.Syscall;

/**
 * Init's last step in a runtime's {@code create}: tell the {@code create}
 * process that the container is created (it returns; chapter 3's start pipe
 * is handed off), then wait in open(2) on the {@link ExecFifo} until
 * {@code start} opens its other end; write one byte, and go on to execve.
 *
 * <p>The FIFO is opened {@code O_PATH} when init is given its steps, while
 * the host's paths still resolve; after pivot_root it is reopened for writing
 * through {@code /proc/self/fd}, as runc does.
 */
public final class AwaitStart implements InitStep {
    private final int fifo;

    public AwaitStart(Path fifo) {
        this.fifo = Syscall.open(fifo.toString(), Syscall.O_PATH | Syscall.O_CLOEXEC);
    }

    @Override
    public void run() {
        StartPipe.handOff(ContainerInit.PIPE_FD);
        int writer = Syscall.open("/proc/self/fd/" + fifo, Syscall.O_WRONLY | Syscall.O_CLOEXEC);
        Syscall.write(writer, new byte[] {'0'});
        Syscall.close(fifo);
    }
}
