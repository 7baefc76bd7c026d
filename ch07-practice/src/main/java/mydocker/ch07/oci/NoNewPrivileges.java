package mydocker.ch07.oci;

import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code process.noNewPrivileges} (runtime spec; Docker's {@code --security-opt
 * no-new-privileges}): prctl(PR_SET_NO_NEW_PRIVS), after which no execve can
 * grant more than the process has — a setuid binary runs as its caller, file
 * capabilities are ignored. Set after the user switch and just before execve,
 * as runc's init does; it is inherited by every child and cannot be undone.
 */
public record NoNewPrivileges(boolean on) implements InitStep {
    static final int PR_SET_NO_NEW_PRIVS = 38;

    public static final InitMessage.Part<NoNewPrivileges> PART = new InitMessage.Part<>(
            "no-new-privileges", (out, n) -> out.writeBoolean(n.on()), in -> new NoNewPrivileges(in.readBoolean()));

    @Override
    public void run() {
        if (on) {
            Syscall.prctl(PR_SET_NO_NEW_PRIVS, 1);
        }
    }
}
