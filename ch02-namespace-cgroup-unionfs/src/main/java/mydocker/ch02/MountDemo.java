package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWNS;
import static mydocker.syscall.CloneFlags.CLONE_NEWPID;
import static mydocker.syscall.MountFlags.MS_PRIVATE;
import static mydocker.syscall.MountFlags.MS_REC;

import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Book 2.1, Mount Namespace: a mount table of its own, and a /proc of its own. */
@Command(name = "mount", description = "2.1 Mount Namespace: mount /proc inside without touching the host.")
final class MountDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Override
    public Integer call() {
        long hostMounts = HostView.mounts();
        say("Mount namespace (book 2.1): the shell has a copy of the host's mount table (%d mounts).", hostMounts);
        say("Try: mount -t proc proc /proc; ps -ef. Only this namespace's processes are listed.");
        int exit = waitInForeground(Spawn.of(shell.argv())
                .unshare(CLONE_NEWNS | CLONE_NEWPID)
                // systemd mounts / shared: without this the shell's mounts would
                // propagate back to the host (the book's code predates that default).
                .inNamespaces(() -> Syscall.mount("none", "/", null, MS_REC | MS_PRIVATE, null))
                .start());
        say("Back on the host: %d mounts, as before; the host's /proc is untouched.", HostView.mounts());
        return exit;
    }
}
