package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch03.Root;
import mydocker.ch04.image.Trees;
import mydocker.ch07.Runc;
import mydocker.ch07.RuntimeEngine;
import mydocker.ch07.cgroups.RuntimeCgroups;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.OciSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code create} (book 7.4): the container's init is started in its
 * namespaces and cgroup, sets the container up from the bundle and waits;
 * this command returns then, leaving it to its supervisor (the process that
 * called us, or whoever inherits it) until {@code start}. Chapter 3's detached
 * start does it ({@link ContainerRun#start}); a failed create leaves nothing.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Create a container from a bundle; `start` runs its process.")
public final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-b", "--bundle"},
            paramLabel = "DIR",
            defaultValue = ".",
            description = "The bundle: config.json and the root filesystem (default: the current directory).")
    Path bundle;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the container's init pid to FILE.")
    Path pidFile;

    @Option(
            names = "--console-socket",
            paramLabel = "SOCKET",
            description = "With process.terminal: the Unix socket that gets the pty master (SCM_RIGHTS).")
    Path consoleSocket;

    @Option(names = "--no-pivot", hidden = true)
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "Accepted: no session keyring is ever made.")
    boolean noNewKeyring;

    @Option(names = "--preserve-fds", paramLabel = "N", defaultValue = "0", hidden = true)
    int preserveFds;

    @Parameters(paramLabel = "ID")
    String id;

    private final RuntimeEngine engine;

    public CreateCommand(RuntimeEngine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException {
        ContainerId.check(id);
        if (noPivot || preserveFds != 0) {
            throw new IllegalArgumentException("--no-pivot and --preserve-fds are not supported");
        }
        Root.require("create");
        Bundle config = Bundle.read(bundle, id);
        ConsoleSocket console = ConsoleSocket.forProcess(config.terminal(), consoleSocket, true);
        Path dir = runc.stateDir(id);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("container with id exists: " + id);
        }
        CgroupLimits cgroup = new CgroupLimits(
                config.cgroupParent(),
                config.cgroupName(),
                config.resources(),
                RuntimeCgroups.of(config.ociResources()));
        List<HostStep> steps = new ArrayList<>();
        if (console != null) {
            steps.add(console); // first: a socket that refuses fails the create before anything is made
        }
        // process.oomScoreAdj: init's score before anything of its set-up runs, as runc's nsexec.
        config.oomScoreAdj().ifPresent(steps::add);
        steps.addAll(List.of(
                cgroup,
                new ExecFifo(dir),
                new StateRecord(dir, config, pidFile == null ? null : pidFile.toAbsolutePath(), cgroup),
                new ContainerHooks(dir, config)));
        try {
            new ContainerRun(engine)
                    .start(
                            config.container(id),
                            steps,
                            config.process().message().with(OciSetup.PART, OciSetup.of(config)));
        } catch (RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
        return 0;
    }
}
