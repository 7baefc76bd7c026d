package mydocker.ch03;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mydocker.ch02.DebugLog;
import mydocker.ch02.ExitStatus;
import mydocker.ch02.cgroups.CgroupJoin;
import mydocker.syscall.Errno;
import mydocker.syscall.SelfExec;
import mydocker.syscall.StartPipe;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;

/**
 * The container's first process (book 3.2, {@code RunContainerInitProcess}):
 * a JVM, PID 1 in the new namespaces, that says it is ready and waits for its
 * command on the pipe (3.4), sets up the container from inside (its mounts), joins the
 * container's cgroup ({@link CgroupJoin}) and then execve's the command — so
 * PID 1 becomes the user's command and no JVM is left in the container.
 * The steps are the chapter's ({@link Engine#initSteps}).
 */
public final class ContainerInit {
    public static final String ARG = "init";
    /** Where init finds its end of the start pipe ({@link StartPipe}). */
    public static final int PIPE_FD = 3;
    /** Second argument of a detached container's init: it must outlive the process that started it. */
    public static final String DETACHED = "--detached";
    /** Second argument of a foreground init whose CLI was given -D: print debug lines too. */
    public static final String DEBUG = "--debug";

    private static final String WHO = "init";

    /** Exit statuses as Docker reports them. */
    static final int NOT_EXECUTABLE = 126;

    static final int NOT_FOUND = 127;
    static final int INIT_FAILED = 125;

    private final Function<InitMessage, List<InitStep>> steps;

    /** @param steps the set-up inside the container, made from the message once it is read */
    public ContainerInit(Function<InitMessage, List<InitStep>> steps) {
        this.steps = steps;
    }

    /** True for the init command line: {@code init} or {@code init --detached}. */
    public static boolean isInit(String[] args) {
        return args.length >= 1 && args[0].equals(ARG);
    }

    /** Never returns: it execs the user's command or exits. */
    public final void run(String[] args) {
        try {
            if (List.of(args).contains(DEBUG)) {
                DebugLog.enable(WHO);
            }
            if (!List.of(args).contains(DETACHED)) {
                // If the CLI dies (even by SIGKILL), so does the container. Kept
                // across execve, so it holds for the user's command too.
                Syscall.prctl(Syscall.PR_SET_PDEATHSIG, Syscall.SIGKILL);
            }
            // The handshake (BOOK-NOTES, chapter 3): the CLI sends the command only
            // after this, so a CLI killed at any moment either takes us along or
            // never sent anything (we read end of file). The signal is asked for
            // first: a parent that died before it is never signalled.
            StartPipe.ready(PIPE_FD);
            InitMessage message = readMessage();
            DebugLog.event(WHO, "command received");
            if (Boolean.getBoolean(SelfExec.TRAINING)) {
                // The launcher's training run (class-data sharing): exit, so the JVM writes
                // its archive, and before pivot_root, while the host's paths still resolve.
                System.exit(0);
            }
            ProcessSpec process = message.get(ProcessSpec.PART);
            // Before the steps: after pivot_root the JVM cannot read its own files,
            // nor the host's /sys/fs/cgroup.
            Syscall.PreparedExecve command = Syscall.prepareExecve(process.argv(), process.env());
            CgroupJoin cgroup = CgroupJoin.open(message.get(CgroupLimits.GROUPS));
            List<InitStep> atExec = new ArrayList<>();
            for (InitStep step : steps.apply(message)) {
                if (step instanceof InitStep.AtExec) {
                    atExec.add(step);
                    continue;
                }
                DebugLog.event(WHO, "step " + step.getClass().getSimpleName());
                step.run();
            }
            exec(command, cgroup, process, atExec);
        } catch (ExecFailure e) {
            exit(e.exitCode, e.getMessage());
        } catch (RuntimeException e) {
            exit(INIT_FAILED, "init: " + e.getMessage());
        }
    }

    /**
     * Blocks until the CLI has finished the host's set-up and written the command.
     * End of file without a message: the CLI failed before that and says why
     * itself, so we leave quietly, having run nothing.
     */
    private static InitMessage readMessage() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = Syscall.read(PIPE_FD, buf)) > 0; ) {
            all.write(buf, 0, n);
        }
        // The pair stays open, close-on-exec: execve closes it, which tells a waiting
        // parent that the command runs; a failure is said on it first (see exit).
        if (all.size() == 0) {
            System.exit(INIT_FAILED);
        }
        try {
            return InitMessage.decode(all.toByteArray());
        } catch (EOFException e) {
            throw new IllegalStateException("the command from the CLI was cut short");
        }
    }

    private static void exec(
            Syscall.PreparedExecve command, CgroupJoin cgroup, ProcessSpec process, List<InitStep> atExec) {
        String path = LookPath.find(process.argv().get(0), process.env());
        DebugLog.event(WHO, "execve " + path + (atExec.isEmpty() ? "" : " after " + atExec.size() + " last steps"));
        cgroup.join();
        List<Runnable> lastCalls = atExec.stream().map(ContainerInit::lastCall).toList();
        try {
            command.execve(path, lastCalls);
        } catch (SyscallException e) {
            throw new ExecFailure(
                    e.errno() == Errno.ENOENT ? NOT_FOUND : NOT_EXECUTABLE,
                    "exec: \"" + process.argv().get(0) + "\": "
                            + Syscall.describe(e.errno()).toLowerCase(Locale.ROOT));
        }
    }

    /** A step's failure is init's own (125), not the command's: it must not read as execve's. */
    private static Runnable lastCall(InitStep step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                throw new IllegalStateException(step.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }

    private static void exit(int status, String message) {
        System.err.println("mydocker: " + message);
        StartPipe.failed(PIPE_FD, new ExecFailure(status, message).line());
        System.exit(status);
    }

    /** The user's command could not be started: 126 or 127, as Docker exits. */
    public static final class ExecFailure extends RuntimeException implements ExitStatus {
        public final int exitCode;

        public ExecFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        /**
         * How a failed start is told to whoever waits for it: {@code "127 exec: ..."},
         * the exit status and the one line to show ({@link #parse} reads it back).
         */
        public String line() {
            return exitCode + " " + getMessage();
        }

        /** A {@link #line} read back, or empty if {@code line} is not one. */
        public static Optional<ExecFailure> parse(String line) {
            Matcher m = LINE.matcher(line);
            return m.matches()
                    ? Optional.of(new ExecFailure(Integer.parseInt(m.group(1)), m.group(2)))
                    : Optional.empty();
        }

        private static final Pattern LINE = Pattern.compile("([0-9]{1,3}) (.*)", Pattern.DOTALL);

        @Override
        public int exitStatus() {
            return exitCode;
        }
    }
}
