package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;

import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Book 2.1, UTS Namespace: a hostname of its own. */
@Command(name = "uts", description = "2.1 UTS Namespace: the shell gets a hostname of its own.")
final class UtsDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Option(
            names = "--hostname",
            defaultValue = "container",
            description = "Hostname inside (default: ${DEFAULT-VALUE}).")
    String hostname;

    @Override
    public Integer call() {
        String host = HostView.hostname();
        say("UTS namespace (book 2.1): inside, the hostname is '%s'; the host's is '%s'.", hostname, host);
        say("Try: hostname; hostname bird; hostname. Then exit and run hostname on the host.");
        // sethostname runs on the thread that unshared CLONE_NEWUTS, so it changes
        // the new namespace's name; the book types `hostname -b bird` in the shell.
        int exit = waitInForeground(Spawn.of(shell.argv())
                .unshare(CLONE_NEWUTS)
                .inNamespaces(() -> Syscall.sethostname(hostname))
                .start());
        say("Back on the host: the hostname is still '%s'.", HostView.hostname());
        return exit;
    }
}
