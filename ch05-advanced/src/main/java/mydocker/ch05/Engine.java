package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;

/**
 * Chapter 4's engine with containers that live on their own (book 5.1-5.8):
 * each has a name and a state, runs detached under a shim, and is looked after
 * by ps, logs, exec, stop, start and rm. A later chapter overrides what a
 * container's start adds ({@link #hostSteps}), what it gives back when it stops
 * or goes ({@link #release}) and what `ps` shows of it ({@link #psColumns}).
 */
public class Engine extends mydocker.ch04.Engine {
    public Engine(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    public List<Class<?>> commands() {
        return replace(
                super.commands(),
                mydocker.ch04.RunCommand.class,
                RunCommand.class,
                PsCommand.class,
                LogsCommand.class,
                ExecCommand.class,
                StopCommand.class,
                StartCommand.class,
                RmCommand.class,
                StageTwoCommand.class,
                ReapCommand.class);
    }

    /** Chapter 4's steps and the container's state files, made before its command runs ({@link StateFile}). */
    @Override
    public List<HostStep> hostSteps(ContainerConfig config, boolean removeAtExit) {
        List<HostStep> steps = new ArrayList<>(super.hostSteps(config, removeAtExit));
        steps.add(new StateFile(Containers.dir(config.id()), config.cgroupParent(), subsystems(config)));
        return steps;
    }

    /** By name too (book 5.7), as every Docker command takes a container. */
    @Override
    public Path containerDir(String nameOrId) throws IOException {
        return Containers.dir(Containers.resolve(nameOrId).id());
    }

    /**
     * What the container in {@code dir} holds beyond its directory and cgroup,
     * given back when it stops or is removed (chapter 6: its address). Must do
     * nothing the second time, and cope with a container whose files are broken.
     */
    public void release(Path dir) throws IOException {}

    /** The columns `ps` shows between STATUS and NAMES (Docker's PORTS is one, chapter 6's). */
    public List<PsColumn> psColumns() {
        return List.of();
    }
}
