package mydocker.ch07.runc;

import java.nio.file.Path;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch07.Console;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;
import mydocker.syscall.UnixSocket;

/**
 * The caller's side of a container's terminal (book 7.4; runc's
 * {@code --console-socket}): the engine that runs us listens on a Unix
 * socket and wants the master of the pty the container's process will use.
 * We connect to it here, before init exists, so a socket that refuses fails
 * the command before anything is made; init gets the connected socket as
 * its descriptor {@link Console#SOCKET_FD} and, in a session of its own,
 * makes the pty and sends the master ({@link Console}). Our copy is closed
 * once init has its own: this command exits, the engine keeps the terminal.
 */
public final class ConsoleSocket implements HostStep {
    private final Path path;
    private int fd = -1;

    private ConsoleSocket(Path path) {
        this.path = path;
    }

    /**
     * runc's rule (checkTerminal): a process with a terminal whose runtime
     * does not stay to relay it needs a console socket, and a console socket
     * is only for such a process. Null when there is no terminal.
     */
    static ConsoleSocket forProcess(boolean terminal, Path socket, boolean detach) {
        if (detach && terminal && socket == null) {
            throw new IllegalArgumentException(
                    "cannot allocate tty if runc will detach without setting console socket");
        }
        if ((!detach || !terminal) && socket != null) {
            throw new IllegalArgumentException("cannot use console socket if runc will not detach or allocate tty");
        }
        if (terminal && socket == null) {
            throw new IllegalArgumentException(
                    "a terminal relayed by the runtime itself is not supported: use --detach with --console-socket");
        }
        return terminal ? new ConsoleSocket(socket.toAbsolutePath()) : null;
    }

    /** Connects to the caller's socket; one line naming it if nothing listens there. */
    void connect() {
        try {
            fd = UnixSocket.connect(path);
        } catch (SyscallException e) {
            throw new IllegalArgumentException("--console-socket " + path + ": " + e.getMessage()
                    + ": it must be a Unix socket the caller listens on");
        }
    }

    /** Init gets the socket, and a session of its own to lead, so that the pty can be its controlling terminal. */
    @Override
    public void spawning(Spawn init) {
        init.fd(Console.SOCKET_FD, fd).newSession();
    }

    @Override
    public void beforeStart(Container container) {
        connect();
    }

    @Override
    public InitMessage forInit(InitMessage message) {
        return message.with(Console.SOCKET, Console.SOCKET_FD);
    }

    @Override
    public void afterStart(Container container, int pid) {
        close();
    }

    @Override
    public void cleanUp(Container container) {
        close();
    }

    void close() {
        if (fd >= 0) {
            Syscall.close(fd);
            fd = -1;
        }
    }
}
