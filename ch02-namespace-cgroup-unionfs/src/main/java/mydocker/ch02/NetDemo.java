package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWNET;

import mydocker.syscall.Spawn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Book 2.1, Network Namespace: a network stack of its own. */
@Command(name = "net", description = "2.1 Network Namespace: only lo, and it is down.")
final class NetDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Override
    public Integer call() {
        say(
                "Network namespace (book 2.1): the host has %d network interfaces; inside there is only lo, down.",
                HostView.links());
        say("Try: ip link; ip addr. Chapter 6 gives the namespace a veth and a bridge.");
        return waitInForeground(Spawn.of(shell.argv()).unshare(CLONE_NEWNET).start());
    }
}
