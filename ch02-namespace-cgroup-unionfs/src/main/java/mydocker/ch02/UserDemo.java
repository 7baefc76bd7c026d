package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWUSER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book 2.1, User Namespace. The one namespace our thread technique cannot make:
 * unshare(2) refuses CLONE_NEWUSER with EINVAL in a multithreaded process,
 * and a JVM always is one (a user namespace changes credentials, which must
 * be the same for every thread of a process). So a single-threaded helper
 * does it: util-linux's {@code unshare --user}, a small C program that calls
 * unshare(CLONE_NEWUSER) and then execs the shell.
 */
@Command(name = "user", description = "2.1 User Namespace: why the JVM cannot unshare it, and a shell in one.")
final class UserDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Override
    public Integer call() throws InterruptedException {
        say("User namespace (book 2.1): first the JVM tries unshare(CLONE_NEWUSER) itself...");
        say("  -> %s", tryUnshareUserFromTheJvm());
        say("   A multithreaded process may not change user namespace; a JVM always runs several threads.");
        say("So a single-threaded helper makes it: util-linux `unshare --user`, then the shell.");
        say("Inside there is no uid mapping: id says uid=65534 (nobody). Try: id; readlink /proc/self/ns/user");
        List<String> argv = new ArrayList<>(List.of("unshare", "--user", "--"));
        argv.addAll(shell.argv());
        return waitInForeground(Spawn.of(argv).start());
    }

    /** Runs the attempt on a fresh thread, so a surprise success would not move the JVM's main thread. */
    private static String tryUnshareUserFromTheJvm() throws InterruptedException {
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread attempt = new Thread(() -> {
            try {
                Syscall.unshare(CLONE_NEWUSER);
                outcome.set("it worked (this JVM had a single thread?)");
            } catch (SyscallException e) {
                outcome.set(e.getMessage());
            }
        });
        attempt.start();
        attempt.join();
        return outcome.get();
    }
}
