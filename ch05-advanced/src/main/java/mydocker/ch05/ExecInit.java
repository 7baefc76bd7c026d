package mydocker.ch05;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;

/**
 * The process that becomes {@code exec}'s command (book 5.4): like the book,
 * which re-executes itself with the container's pid in its environment, the
 * CLI starts a JVM again, born in the container's PID namespace; this is its
 * main class. It is chapter 3's init with one step instead of the container's
 * set-up: {@link EnterNamespaces}. Then, as init does, it joins the
 * container's cgroups as its last act and execve's the command.
 *
 * <p>Why not spawn the command straight from the CLI: cgroup v2 moves whole
 * processes, and posix_spawn leaves no moment between birth and exec to move
 * the child. Moved after its spawn, a command could fork before the move, and
 * its children would live outside the container's limits. Joined before execve,
 * the command is born inside them, on v1 and v2 alike; and the JVM's own
 * memory stays charged to the CLI's group (see {@code CgroupJoin}).
 */
public final class ExecInit {
    private ExecInit() {}

    public static void main(String[] args) {
        new ContainerInit(ExecInit::steps).run(args);
    }

    /** Into the container's namespaces, then to the working directory if one was given. */
    private static List<InitStep> steps(InitMessage message) {
        List<InitStep> steps = new ArrayList<>(List.of(new EnterNamespaces(message.get(EnterNamespaces.TARGET))));
        if (message.has(ExecWorkdir.PART)) {
            steps.add(new ExecWorkdir(message.get(ExecWorkdir.PART)));
        }
        return steps;
    }
}
