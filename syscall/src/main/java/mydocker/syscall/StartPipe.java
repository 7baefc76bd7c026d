package mydocker.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Holds a new process at its start (book 3.4's pipe): the process gets one
 * end of a socket pair, a pipe that works both ways, and waits to read from
 * it; {@link #release} writes what it waits for. Until then the parent can
 * finish its set-up. If the parent fails first, {@link #close} closes its end
 * — the process reads end of file and exits without running anything — and
 * reaps it, so nothing outlives the failure.
 *
 * <p>The other way, the process may say it is ready ({@link #ready}), and the
 * parent may wait for that ({@link #awaitReady}) before it releases it:
 * chapter 3's init asks for its parent-death signal first, so a parent killed
 * at any moment either never released it (it reads end of file) or takes it
 * along (BOOK-NOTES, chapter 3: the PDEATHSIG handshake).
 *
 * <p>And after the release, the process's end stays open, close-on-exec,
 * until it execve's its program: the parent that waits ({@link #awaitStarted})
 * reads end of file once the program runs, or what the process said
 * ({@link #failed}) when it could not start it — runc's "exec fifo". A
 * detached start answers only then, so nothing can enter a container that
 * is still being set up.
 */
public final class StartPipe implements AutoCloseable {
    private static final byte[] READY = {'R'};
    private final int[] ends = Syscall.socketpair();
    private Child held;
    private boolean parentEndOpen = true;

    /** Starts {@code spawn} with its end of the pair as its descriptor {@code childFd}. */
    public Child start(Spawn spawn, int childFd) {
        try {
            held = spawn.fd(childFd, ends[1]).start();
            return held;
        } finally {
            Syscall.close(ends[1]);
        }
    }

    /** Waits until the process says it is ready; false if it ended before that. */
    public boolean awaitReady() {
        return Syscall.read(ends[0], new byte[READY.length]) == READY.length;
    }

    /** Lets the process go on: it reads the message, then end of file; from now on its parent waits for it as usual. */
    public void release(byte[] message) {
        try {
            Syscall.write(ends[0], message);
            Syscall.shutdownWrite(ends[0]);
        } finally {
            held = null;
        }
    }

    /**
     * After {@link #release}: waits until the process has execve'd its program
     * (its end closed: nothing said) or could not (what it said, see
     * {@link #failed}). A process killed meanwhile also says nothing; its
     * exit status tells.
     */
    public String awaitStarted() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = Syscall.read(ends[0], buf)) > 0; ) {
            said.write(buf, 0, n);
        }
        closeParentEnd();
        return said.toString(StandardCharsets.UTF_8);
    }

    /** The process's side: its program could not be started, and why; nobody listening is fine. */
    public static void failed(int fd, String why) {
        try {
            Syscall.write(fd, why.getBytes(StandardCharsets.UTF_8));
        } catch (SyscallException e) {
            // the parent is gone, or does not wait for the answer (a foreground run reads init's stderr)
        }
    }

    /**
     * The process's side: tells the parent, on {@code fd}, that it is ready.
     * If the parent is gone already (its end closed: EPIPE), says nothing:
     * the read that follows sees end of file.
     */
    public static void ready(int fd) {
        try {
            Syscall.write(fd, READY);
        } catch (SyscallException e) {
            if (e.errno() != Errno.EPIPE) {
                throw e;
            }
        }
    }

    /**
     * The process's side, for a start in two acts (an OCI runtime's
     * {@code create}, then {@code start}): its set-up is done and it will wait
     * for another signal before it execve's, so the parent's
     * {@link #awaitStarted} ends here, with nothing said. Its end is replaced
     * by /dev/null, so what it might say later goes nowhere (its stderr still
     * tells), and the descriptor number is never reused for another file.
     */
    public static void handOff(int fd) {
        int devNull = Syscall.open("/dev/null", Syscall.O_WRONLY | Syscall.O_CLOEXEC);
        try {
            Syscall.dup3(devNull, fd, Syscall.O_CLOEXEC);
        } finally {
            Syscall.close(devNull);
        }
    }

    @Override
    public void close() {
        closeParentEnd();
        if (held != null) {
            held.waitFor();
            held = null;
        }
    }

    private void closeParentEnd() {
        if (parentEndOpen) {
            parentEndOpen = false;
            Syscall.close(ends[0]);
        }
    }
}
