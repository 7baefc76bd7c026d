package mydocker.ch05;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.ErrorLine;
import mydocker.ch02.ExitStatus;
import mydocker.ch03.ContainerInit;
import mydocker.ch04.ContainerConfig;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;

/**
 * Book 5.1, {@code run -d}, without a JVM left behind. The CLI starts
 * <pre>
 *   mydocker-shim DIR  java … Main __reap ID  --  java … Main __start ID   (new session, output to DIR/container.log)
 * </pre>
 * The shim (C, a child subreaper) runs a second JVM, {@link StageTwoCommand},
 * which starts the container exactly as `run` does and exits; the
 * container's first process is re-parented to the shim, which records its
 * exit code when it ends, then runs the reaper, {@link ReapCommand}, which
 * removes the container's cgroup. The second JVM tells the CLI "ok" or what went wrong
 * over a pipe (fd 3), so `run -d` answers like Docker: the ID, or the error.
 */
public final class DetachedStart {
    public static final String LOG = "container.log";
    static final int REPORT_FD = 3;
    /** Locked by the shim for as long as it lives (mydocker-shim.c), so that `rm` can wait for it. */
    static final String SHIM_LOCK = "shim.lock";
    /** Ends the reaper's command line on the shim's (mydocker-shim.c); no JVM command line holds a bare {@code --}. */
    static final String END_OF_REAPER = "--";

    private DetachedStart() {}

    /** Starts the container described in {@code dir}'s config.json; returns when it runs. */
    public static void start(Engine engine, ContainerConfig config, Path dir) throws IOException {
        Path log = dir.resolve(LOG);
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        List<String> command = new ArrayList<>(List.of(Shim.path().toString(), dir.toString()));
        command.addAll(SelfExec.command(engine.mainClass(), ReapCommand.NAME, config.id()));
        command.add(END_OF_REAPER);
        command.addAll(SelfExec.command(engine.mainClass(), StageTwoCommand.NAME, config.id()));
        int[] report = Syscall.pipe2(Syscall.O_CLOEXEC);
        int devNull = Syscall.open("/dev/null", Syscall.O_RDONLY | Syscall.O_CLOEXEC);
        int logFd = Syscall.open(log.toString(), Syscall.O_WRONLY | Syscall.O_APPEND | Syscall.O_CLOEXEC);
        try {
            Spawn.of(command)
                    .newSession()
                    .withoutReaper()
                    .fd(0, devNull)
                    .fd(1, logFd)
                    .fd(2, logFd)
                    .fd(REPORT_FD, report[1])
                    .start();
        } finally {
            Syscall.close(report[1]);
            Syscall.close(devNull);
            Syscall.close(logFd);
        }
        String answer = readAll(report[0]).strip();
        Syscall.close(report[0]);
        if (answer.equals("ok")) {
            return;
        }
        // 125 the start, 126 and 127 the command, as Docker exits.
        throw ContainerInit.ExecFailure.parse(answer)
                .orElseGet(() -> new ContainerInit.ExecFailure(
                        125, answer.isEmpty() ? "the container did not start (see " + log + ")" : answer));
    }

    /**
     * The second JVM's answer when the start failed: the exit status Docker
     * gives it (127 for a command not found) and the one line to show.
     */
    static void report(Exception e) {
        int status = e instanceof ExitStatus s ? s.exitStatus() : 125;
        report(new ContainerInit.ExecFailure(status, ErrorLine.of(e)).line());
    }

    /**
     * The second JVM's word to the CLI. If the CLI was killed, nobody is there
     * to hear it (EPIPE): the container runs on regardless, and `ps` tells.
     */
    static void report(String message) {
        try {
            Syscall.write(REPORT_FD, (message + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (SyscallException e) {
            // the CLI is gone
        }
    }

    private static String readAll(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = Syscall.read(fd, buf)) > 0; ) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
