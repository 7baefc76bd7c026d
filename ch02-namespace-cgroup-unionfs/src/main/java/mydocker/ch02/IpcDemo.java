package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;

import mydocker.syscall.Spawn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Book 2.1, IPC Namespace: System V message queues of its own. */
@Command(name = "ipc", description = "2.1 IPC Namespace: message queues made inside are invisible outside.")
final class IpcDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Override
    public Integer call() {
        say(
                "IPC namespace (book 2.1): the host has %d System V message queue(s); inside there are none.",
                HostView.messageQueues());
        say("Try: ipcs -q; ipcmk -Q; ipcs -q. Then, on the host, ipcs -q does not list it.");
        int exit = waitInForeground(Spawn.of(shell.argv()).unshare(CLONE_NEWIPC).start());
        say("Back on the host: %d message queue(s), as before.", HostView.messageQueues());
        return exit;
    }
}
