package mydocker.syscall;

/**
 * A pseudo-terminal (pty): a master, which whoever owns the terminal reads
 * and writes, and a slave, which the program uses as its terminal
 * (/dev/pts/N). Opened from a devpts instance's {@code ptmx}, so the slave
 * belongs to that instance: a container's own (book 4's /dev/pts, mounted
 * {@code newinstance}), as runc's init opens it.
 */
public record Pty(int master, String slave) {
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCSCTTY = 0x540EL;

    /**
     * Opens a new pty through {@code ptmx} (e.g. /dev/ptmx, a link to
     * pts/ptmx): unlocks its slave (unlockpt) and names it (ptsname), as
     * {@code /dev/pts/N} beside that ptmx. The master is close-on-exec.
     */
    public static Pty open(String ptmx) {
        int master = Syscall.open(ptmx, O_RDWR | O_NOCTTY | Syscall.O_CLOEXEC);
        try {
            byte[] number = new byte[4];
            Syscall.check(
                    Syscall.LIBC.ioctl(master, TIOCSPTLCK, number),
                    () -> Syscall.call("ioctl", master, "TIOCSPTLCK", 0));
            Syscall.check(
                    Syscall.LIBC.ioctl(master, TIOCGPTN, number),
                    () -> Syscall.call("ioctl", master, "TIOCGPTN", "&n"));
            int n = (number[0] & 0xff) | (number[1] & 0xff) << 8 | (number[2] & 0xff) << 16 | (number[3] & 0xff) << 24;
            String dir = ptmx.substring(0, ptmx.lastIndexOf('/') + 1);
            return new Pty(master, dir + "pts/" + n);
        } catch (RuntimeException e) {
            Syscall.close(master);
            throw e;
        }
    }

    /** Opens the slave (not close-on-exec: it becomes a program's 0, 1 and 2), without making it the terminal yet. */
    public int openSlave() {
        return Syscall.open(slave, O_RDWR | O_NOCTTY);
    }

    /**
     * Makes the terminal on {@code fd} the controlling terminal of this
     * process, which must lead a session that has none (setsid): then Ctrl-C
     * typed on the master is SIGINT to its foreground group, and a shell has
     * job control. Never steals one from another session (arg 0).
     */
    public static void makeControlling(int fd) {
        Syscall.check(Syscall.LIBC.ioctl(fd, TIOCSCTTY, null), () -> Syscall.call("ioctl", fd, "TIOCSCTTY", 0));
    }
}
