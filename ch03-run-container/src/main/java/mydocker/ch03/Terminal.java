package mydocker.ch03;

import mydocker.syscall.SignalDisposition;
import mydocker.syscall.Syscall;

/**
 * With -i/-t the container shares the user's terminal (the book's
 * {@code cmd.Stdin = os.Stdin}). Init runs in a process group of its own,
 * made the terminal's foreground group here: Ctrl-C and Ctrl-\ then reach the
 * container and not the CLI, and a shell inside may read the terminal. The
 * CLI takes the terminal back when the container ends.
 */
public final class Terminal implements AutoCloseable {
    private static final int STDIN = 0;
    private final boolean handedOver;

    private Terminal(boolean handedOver) {
        this.handedOver = handedOver;
    }

    /**
     * Hands the terminal to {@code pgrp} if stdin is one; otherwise does nothing.
     * Then SIGCONT, as a shell's {@code fg} does: an interactive shell that
     * started before it was given the terminal has stopped itself (SIGTTIN)
     * and waits to be continued (chapter 5's exec starts it at once).
     */
    public static Terminal handTo(int pgrp) {
        if (!Syscall.isatty(STDIN)) {
            return new Terminal(false);
        }
        setForeground(pgrp);
        Syscall.kill(-pgrp, Syscall.SIGCONT);
        return new Terminal(true);
    }

    @Override
    public void close() {
        if (handedOver) {
            setForeground(Syscall.getpgrp());
        }
    }

    /**
     * tcsetpgrp from a background process group raises SIGTTOU, which would
     * stop the CLI when it takes the terminal back: ignored for the call.
     */
    private static void setForeground(int pgrp) {
        try (var ttouIgnored = SignalDisposition.ignore("TTOU")) {
            Syscall.tcsetpgrp(STDIN, pgrp);
        }
    }
}
