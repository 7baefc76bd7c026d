package mydocker.ch02;

import java.util.concurrent.Callable;
import mydocker.syscall.Child;
import mydocker.syscall.SignalDisposition;
import picocli.CommandLine.Command;

/**
 * What every chapter 2 demo does: tell the reader what to look at (on stderr,
 * so the demo's command owns stdout), run a process, report what the host sees.
 * Every demo takes {@code --help}: picocli gives a subclass the {@code @Command}
 * attributes of its superclass, and {@link Cli}'s error line points there.
 */
@Command(mixinStandardHelpOptions = true)
abstract class Demo implements Callable<Integer> {

    static void say(String format, Object... args) {
        System.err.println("[ch02] " + String.format(format, args));
    }

    /**
     * Waits for the child with SIGINT ignored, as system(3) does: Ctrl-C in the
     * demo's shell is for the shell; if it killed this JVM, the demo could not
     * clean up its cgroup. (SIGQUIT is the JVM's own: a thread dump.)
     */
    static int waitInForeground(Child child) {
        try (var intIgnored = SignalDisposition.ignore("INT")) {
            var status = child.waitFor();
            if (status.signaled()) {
                say("the process was %s", status);
            }
            return status.exitCode();
        }
    }
}
