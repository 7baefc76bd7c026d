package mydocker.ch03;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.DebugLog;
import mydocker.syscall.Child;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Spawn;
import mydocker.syscall.StartPipe;
import mydocker.syscall.Syscall;

/**
 * Book 3.2's {@code NewParentProcess}: starts this chapter's program again as
 * {@code init}, PID 1 of new UTS, PID, mount, IPC and network namespaces,
 * with its end of a two-way pipe as its fd 3 (book 3.4, {@link StartPipe}).
 * Init says on it that it is ready and waits until {@link #send} — the moment
 * for the host to finish the container's set-up before the user's command runs.
 */
final class ParentProcess implements AutoCloseable {
    /** Where init finds the pipe. */
    static final int PIPE_FD = ContainerInit.PIPE_FD;

    private final StartPipe pipe;
    private final Child child;

    private ParentProcess(StartPipe pipe, Child child) {
        this.pipe = pipe;
        this.child = child;
    }

    /**
     * Init gets the container's {@link Namespaces}. In the foreground without
     * {@code attachStdin}, the container's stdin is /dev/null, as with docker
     * run without -i. A {@code detached} init ({@link ContainerRun#start}) keeps
     * this process's 0, 1 and 2 (its supervisor's), asks for no parent-death
     * signal and is not reaped here: it outlives this JVM. Each of the
     * {@code steps} adds what it must to the spawn ({@link HostStep#spawning}).
     */
    static ParentProcess start(
            Class<?> chapterMain, Container container, List<HostStep> steps, boolean attachStdin, boolean detached) {
        StartPipe pipe = new StartPipe();
        boolean stdinToo = attachStdin || detached;
        int devNull = stdinToo ? -1 : Syscall.open("/dev/null", Syscall.O_RDONLY | Syscall.O_CLOEXEC);
        try {
            Spawn init = Spawn.of(SelfExec.command(chapterMain, initArgs(detached)))
                    .unshare(container.namespaces().created())
                    .env(SelfExec.jvmEnv())
                    .newProcessGroup();
            container.namespaces().joined().forEach(init::join);
            if (container.hostname() != null) {
                init.inNamespaces(() -> Syscall.sethostname(container.hostname()));
            }
            if (!stdinToo) {
                init.fd(0, devNull);
            }
            if (detached) {
                init.withoutReaper();
            }
            steps.forEach(step -> step.spawning(init));
            return new ParentProcess(pipe, pipe.start(init, PIPE_FD));
        } catch (RuntimeException e) {
            pipe.close();
            throw e;
        } finally {
            if (devNull >= 0) {
                Syscall.close(devNull);
            }
        }
    }

    /** {@code init}, and how it must behave: detached, or printing debug lines as the CLI does. */
    private static String[] initArgs(boolean detached) {
        List<String> args = new ArrayList<>(List.of(ContainerInit.ARG));
        if (detached) {
            args.add(ContainerInit.DETACHED);
        } else if (DebugLog.enabled()) {
            // Only in the foreground: a detached init's stderr is the container's log.
            args.add(ContainerInit.DEBUG);
        }
        return args.toArray(String[]::new);
    }

    Child child() {
        return child;
    }

    /**
     * Waits until init is ready (it has asked for its parent-death signal, so
     * from now on our death is its death), then sends its command; from here
     * the container runs.
     */
    void send(InitMessage message) {
        if (!pipe.awaitReady()) {
            throw new IllegalStateException("the container's init exited before it was ready");
        }
        pipe.release(message.encode());
    }

    /**
     * After {@link #send}: returns once the user's command runs, or throws what
     * init said when it could not start it (126 or 127 as Docker exits, 125 for
     * a failed set-up).
     */
    void awaitStarted() {
        String failure = pipe.awaitStarted();
        if (!failure.isEmpty()) {
            throw ContainerInit.ExecFailure.parse(failure).orElseGet(() -> new ContainerInit.ExecFailure(125, failure));
        }
    }

    /**
     * If the message was never sent (a step failed), init reads end of file and
     * exits without running anything; it is reaped here, before the steps'
     * clean-up removes the cgroup it may be in.
     */
    @Override
    public void close() {
        pipe.close();
    }
}
