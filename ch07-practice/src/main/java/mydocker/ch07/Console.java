package mydocker.ch07;

import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Pty;
import mydocker.syscall.ScmRights;
import mydocker.syscall.Syscall;

/**
 * Init's side of a process's terminal (runc's setupConsole, book 7.4):
 * inside the container, after its mounts, a pty from the container's own
 * devpts (/dev/ptmx → pts/ptmx); its master goes to the caller over the
 * console socket by SCM_RIGHTS with the payload {@code /dev/ptmx}, as runc
 * sends it, and its slave becomes the process's stdin, stdout, stderr and
 * controlling terminal (init leads a new session). The master and the socket
 * are then closed here: nothing of the caller's stays open in the container.
 */
public final class Console implements InitStep {
    /** Where init finds the connected console socket: after chapter 3's start pipe. */
    public static final int SOCKET_FD = 4;
    /** Present when the process has a terminal: the descriptor of the console socket. */
    public static final InitMessage.Part<Integer> SOCKET =
            new InitMessage.Part<>("console-socket", (out, fd) -> out.writeInt(fd), in -> in.readInt());

    private static final String PTMX = "/dev/ptmx";
    private final int socket;

    private Console(int socket) {
        this.socket = socket;
    }

    /** The step, if the message asks for a terminal. */
    public static List<InitStep> ifAsked(InitMessage message) {
        return message.has(SOCKET) ? List.of(new Console(message.get(SOCKET))) : List.of();
    }

    @Override
    public void run() {
        Pty pty;
        try {
            pty = Pty.open(PTMX);
            try {
                ScmRights.send(socket, pty.master(), PTMX);
            } finally {
                Syscall.close(pty.master());
            }
        } finally {
            Syscall.close(socket);
        }
        int slave = pty.openSlave();
        for (int stdio = 0; stdio <= 2; stdio++) {
            Syscall.dup3(slave, stdio, 0);
        }
        Syscall.close(slave);
        Pty.makeControlling(0);
    }
}
