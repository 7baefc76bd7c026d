package mydocker.ch07.runc;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitMessage;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;
import mydocker.ch05.EnterNamespaces;
import mydocker.ch05.ExecWorkdir;
import mydocker.ch07.ExecProcessInit;
import mydocker.ch07.Runc;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.Capabilities;
import mydocker.ch07.oci.NoNewPrivileges;
import mydocker.ch07.oci.OciProcess;
import mydocker.ch07.oci.OomScoreAdj;
import mydocker.ch07.oci.ProcessUser;
import mydocker.ch07.oci.Rlimits;
import mydocker.ch07.oci.Seccomp;
import mydocker.ch07.oci.Spec;
import mydocker.syscall.Child;
import mydocker.syscall.CloneFlags;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Spawn;
import mydocker.syscall.StartPipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code exec}: one more process in a running container, as containerd's
 * {@code ctr task exec} and {@code docker exec} ask runc — chapter 5's exec
 * ({@link ExecProcessInit}: born in the container's PID namespace, it enters the
 * others and the cgroup, then execve's), its process from a {@code --process}
 * file (the spec's process) or the command line. With {@code --detach} it
 * returns once the process runs, leaving it to the caller's supervisor;
 * otherwise it waits and exits with the process's code.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run another process in a running container.")
public final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-p", "--process"},
            paramLabel = "FILE",
            description = "The process as the runtime spec writes one (JSON); else COMMAND.")
    Path process;

    @Option(
            names = {"-d", "--detach"},
            description = "Return once the process runs.")
    boolean detach;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the process's pid to FILE.")
    Path pidFile;

    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory (with COMMAND).")
    String cwd;

    @Option(
            names = {"-e", "--env"},
            paramLabel = "KEY=VALUE",
            description = "An environment variable (with COMMAND).")
    List<String> env = new ArrayList<>();

    @Option(
            names = {"-u", "--user"},
            paramLabel = "UID[:GID]",
            description = "The user to run as, numbers (with COMMAND; default 0:0).")
    String user;

    @Option(
            names = {"-g", "--additional-gids"},
            paramLabel = "GID",
            description = "A supplementary group (with COMMAND).")
    List<String> additionalGids = new ArrayList<>();

    @Option(
            names = {"-t", "--tty"},
            description = "Give COMMAND a terminal (with --detach and --console-socket).")
    boolean tty;

    @Option(
            names = "--console-socket",
            paramLabel = "SOCKET",
            description = "With a terminal: the Unix socket that gets the pty master (SCM_RIGHTS).")
    Path consoleSocket;

    @Option(
            names = {"-c", "--cap"},
            paramLabel = "CAP",
            description = "A capability added to the container's (with COMMAND), e.g. CAP_NET_ADMIN.")
    List<String> caps = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        OciProcess wanted = wanted();
        ConsoleSocket console = ConsoleSocket.forProcess(wanted.terminal(), consoleSocket, detach);
        Path dir = runc.stateDir(ContainerId.check(id));
        RuntimeState state = RuntimeState.read(dir, id);
        if (state.status(dir) != RuntimeState.Status.RUNNING) {
            throw new IllegalStateException("cannot exec in a container that is not running: "
                    + state.status(dir).json());
        }
        Spec.Process container = Bundle.spec(Path.of(state.bundle())).process();
        InitMessage message = wanted.specIn(Path.of("/proc/" + state.pid() + "/root"))
                .message()
                .with(CgroupLimits.GROUPS, state.cgroup().paths())
                .with(EnterNamespaces.TARGET, state.pid())
                .with(ExecWorkdir.PART, wanted.cwd())
                .with(Rlimits.PART, wanted.rlimits())
                .with(ProcessUser.PART, wanted.user())
                .with(NoNewPrivileges.PART, wanted.noNewPrivileges())
                .with(Seccomp.PART, Optional.ofNullable(state.seccomp())) // the container's, as runc
                .with(Capabilities.PART, capabilities(wanted, container));
        Optional<OomScoreAdj> oomScoreAdj = oomScoreAdj(wanted, container);
        // Detached, it outlives this command: no parent-death signal, and nobody here reaps it.
        String[] initArgs =
                detach ? new String[] {ContainerInit.ARG, ContainerInit.DETACHED} : new String[] {ContainerInit.ARG};
        Spawn spawn = Spawn.of(SelfExec.command(ExecProcessInit.class, initArgs))
                .join(Path.of("/proc/" + state.pid() + "/ns/pid"), CloneFlags.CLONE_NEWPID)
                .env(SelfExec.jvmEnv());
        if (detach) {
            spawn.withoutReaper();
        }
        if (console != null) {
            console.connect();
            console.spawning(spawn);
            message = console.forInit(message);
        }
        try (StartPipe pipe = new StartPipe()) {
            Child child;
            try {
                child = pipe.start(spawn, ContainerInit.PIPE_FD);
            } finally {
                if (console != null) {
                    console.close();
                }
            }
            if (!pipe.awaitReady()) {
                throw new IllegalStateException("the exec'd process ended before it was ready");
            }
            // While it waits for its message, as create does for init (OomScoreAdj says why that is runc's way).
            oomScoreAdj.ifPresent(score -> score.setFor(child.pid()));
            pipe.release(message.encode());
            String failure = pipe.awaitStarted();
            if (!failure.isEmpty()) {
                throw ContainerInit.ExecFailure.parse(failure)
                        .orElseGet(() -> new ContainerInit.ExecFailure(125, failure));
            }
            if (pidFile != null) {
                AtomicFile.write(
                        pidFile.toAbsolutePath(), Integer.toString(child.pid()).getBytes(StandardCharsets.US_ASCII));
            }
            return detach ? 0 : child.waitFor().exitCode();
        }
    }

    /**
     * The process's capabilities, as runc exec takes them: the --process
     * file's own; else the container's (its config.json's
     * process.capabilities), with each --cap added.
     */
    private Optional<Capabilities> capabilities(OciProcess wanted, Spec.Process container) {
        if (wanted.capabilities().isPresent()) {
            return wanted.capabilities();
        }
        Spec.Capabilities caps = container == null ? null : container.capabilities();
        return Capabilities.of(this.caps.isEmpty() ? caps : Capabilities.adding(caps, this.caps), Bundle.CONFIG);
    }

    /**
     * The process's OOM score: the --process file's own; else the
     * container's, as runc gives an exec'd process its container's
     * oomScoreAdj (its setns bootstrap data) — not the score of this command,
     * which is the caller's (a shim's, often lowered so it outlives its
     * containers).
     */
    private static Optional<OomScoreAdj> oomScoreAdj(OciProcess wanted, Spec.Process container) {
        return wanted.oomScoreAdj()
                .or(() -> OomScoreAdj.of(container == null ? null : container.oomScoreAdj(), Bundle.CONFIG));
    }

    /** The process: the --process file (untrusted, checked as config.json's is), or the command line. */
    private OciProcess wanted() throws IOException {
        if (process == null) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("exec needs --process FILE or a COMMAND");
            }
            OciProcess line =
                    OciProcess.of(new Spec.Process(tty, null, command, env, cwd, null, null, null, null), "exec");
            return user == null && additionalGids.isEmpty()
                    ? line
                    : new OciProcess(
                            line.spec(),
                            line.cwd(),
                            line.rlimits(),
                            line.terminal(),
                            ProcessUser.parse(user == null ? "0" : user, additionalGids),
                            line.noNewPrivileges(),
                            line.capabilities(),
                            line.oomScoreAdj());
        }
        if (user != null || !additionalGids.isEmpty()) {
            throw new IllegalArgumentException(
                    "--user and --additional-gids go with COMMAND; a --process file has process.user");
        }
        if (!caps.isEmpty()) {
            throw new IllegalArgumentException("--cap goes with COMMAND; a --process file has process.capabilities");
        }
        try {
            return OciProcess.of(
                    Json.MAPPER.readValue(Files.readAllBytes(process), Spec.Process.class), process.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--process " + process + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(process + ": " + Json.problem(e));
        }
    }
}
