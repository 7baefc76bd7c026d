package mydocker.ch07;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ContainerLayout;
import mydocker.ch06.Endpoint;
import mydocker.ch07.build.BuildCommand;
import mydocker.ch07.build.HistoryCommand;
import mydocker.ch07.build.ImportCommand;
import mydocker.ch07.build.InspectCommand;
import mydocker.ch07.build.RmiCommand;
import mydocker.ch07.build.TagCommand;
import mydocker.ch07.cgroups.RuntimeCgroups;
import mydocker.ch07.network.ServiceDiscovery;
import mydocker.ch07.oci.OciResources;
import mydocker.ch07.oci.OciSetup;
import mydocker.ch07.registry.ImagesCommand;
import mydocker.ch07.registry.LoginCommand;
import mydocker.ch07.registry.LogoutCommand;
import mydocker.ch07.registry.PullCommand;
import mydocker.ch07.registry.PushCommand;

/**
 * Chapter 6's engine, its containers started the way an engine starts them
 * through a runtime (book 7.3-7.5): each {@code run} (and {@code start}) writes
 * the container's bundle ({@link RunBundle}) and init sets the container up
 * as the runtime does from it ({@link OciSetup}), after the engine's own part,
 * the image's root ({@link #rootfsSteps}). The network, volumes' host half,
 * cgroup, detach and exec stay chapter 3-6's.
 */
public class Engine extends mydocker.ch06.Engine {
    public Engine(Class<?> mainClass) {
        super(mainClass);
    }

    /** Chapter 6's steps, then the bundle, written once the container's directory exists. */
    @Override
    public List<HostStep> hostSteps(ContainerConfig config, boolean removeAtExit) {
        List<HostStep> steps = new ArrayList<>(super.hostSteps(config, removeAtExit));
        steps.add(new RunBundle(config, layout(config)));
        steps.add(new ServiceDiscovery(mydocker.ch05.Containers.dir(config.id())));
        return steps;
    }

    /** Chapter 6's release, then the container's names leave its network's hosts files. */
    @Override
    public void release(Path dir) {
        boolean networked = Endpoint.of(dir).isPresent();
        super.release(dir);
        if (networked) {
            ServiceDiscovery.refresh(Optional.empty());
        }
    }

    /** Chapter 6's run, with the flags the runtime spec adds ({@link RunCommand}). */
    @Override
    public List<Class<?>> commands() {
        List<Class<?>> commands = replace(super.commands(), mydocker.ch06.RunCommand.class, RunCommand.class);
        commands = replace(commands, mydocker.ch04.LoadCommand.class, LoadCommand.class);
        commands = replace(commands, mydocker.ch04.SaveCommand.class, SaveCommand.class);
        commands = replace(commands, mydocker.ch04.RmiCommand.class, RmiCommand.class);
        commands = replace(
                commands,
                mydocker.ch04.ImagesCommand.class,
                ImagesCommand.class,
                PullCommand.class,
                PushCommand.class,
                LoginCommand.class,
                LogoutCommand.class);
        commands = replace(
                commands,
                mydocker.ch04.ImportCommand.class,
                ImportCommand.class,
                BuildCommand.class,
                HistoryCommand.class,
                TagCommand.class,
                InspectCommand.class);
        return commands;
    }

    /** The runtime's subsystems (the book's, the freezer, pids), with run's values ({@link RunSpec#resources}). */
    @Override
    public List<Subsystem> subsystems(ContainerConfig config) {
        return RuntimeCgroups.of(OciResources.of(RunSpec.resources(config)));
    }

    /** The image's root, then the runtime's set-up from the bundle. */
    @Override
    public List<InitStep> initSteps(InitMessage message) {
        OciSetup setup = message.get(OciSetup.PART);
        List<InitStep> steps = new ArrayList<>(
                setup.steps(message.get(CgroupLimits.GROUPS), rootfsSteps(message.get(ContainerLayout.PART))));
        steps.addAll(setup.lastSteps());
        return steps;
    }
}
