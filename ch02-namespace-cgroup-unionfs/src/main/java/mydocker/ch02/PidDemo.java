package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWPID;

import mydocker.syscall.Child;
import mydocker.syscall.Spawn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Book 2.1, PID Namespace: the shell is PID 1. */
@Command(name = "pid", description = "2.1 PID Namespace: the shell is PID 1 of a new PID namespace.")
final class PidDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Override
    public Integer call() {
        say("PID namespace (book 2.1): the shell is PID 1 inside. Try: echo $$");
        say("ps still lists the host's processes: /proc is still the host's (see the mount demo).");
        Child child = Spawn.of(shell.argv()).unshare(CLONE_NEWPID).start();
        say("On the host the same shell is PID %d.", child.pid());
        return waitInForeground(child);
    }
}
