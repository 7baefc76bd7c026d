package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.ContainerLock;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch03.LoopbackUp;
import mydocker.ch03.MountProc;
import mydocker.ch03.PrivateMounts;
import mydocker.ch03.ProcessSpec;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageStore;

/**
 * Chapter 3's engine with images: a container is made from its
 * {@link ContainerConfig}, gets a root filesystem of its own (overlay, book
 * 4.2), volumes (4.3) and pivot_root (4.1), and can be committed.
 */
public class Engine extends mydocker.ch03.Engine {
    public Engine(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    public List<Class<?>> commands() {
        return replace(
                super.commands(),
                mydocker.ch03.RunCommand.class,
                RunCommand.class,
                ImagesCommand.class,
                ImportCommand.class,
                CommitCommand.class,
                SaveCommand.class,
                LoadCommand.class,
                RmiCommand.class);
    }

    /**
     * Chapter 3's set-up with a root filesystem of the container's own: between
     * making mounts private and mounting /proc come the union (4.2), its /etc
     * files, the volumes (4.3), /dev, and the pivot into it (4.1); /sys follows /proc.
     */
    @Override
    public List<InitStep> initSteps(InitMessage message) {
        ContainerLayout layout = message.get(ContainerLayout.PART);
        Path merged = layout.merged();
        List<InitStep> steps = new ArrayList<>(List.of(new PrivateMounts(), new LoopbackUp()));
        steps.addAll(rootfsSteps(layout));
        steps.addAll(List.of(
                new Volumes(message.get(Volumes.PART), merged),
                new MountDev(merged),
                new PivotRoot(merged),
                new MountProc(),
                new MountSys()));
        return steps;
    }

    /**
     * The image's part of the set-up, in the container's (private) mount
     * namespace: the union mounted at {@code layout.merged()} (4.2), the
     * kernel's directories made in it, and its /etc files. What an engine does
     * to a root before a runtime is handed it (chapter 7's run does just that).
     */
    public List<InitStep> rootfsSteps(ContainerLayout layout) {
        return List.of(new OverlayRootfs(layout), new MountPoints(layout.merged()), new EtcFiles(layout));
    }

    /**
     * The host's part of starting the container {@code config} describes, in
     * order: its directory, its volumes' host half, its cgroup. Each step
     * adds to init's message what init needs of it. A later chapter adds its steps.
     *
     * @param removeAtExit {@code --rm}: the directory goes when the container ends
     */
    public List<HostStep> hostSteps(ContainerConfig config, boolean removeAtExit) {
        ContainerLayout layout = layout(config);
        return List.of(
                new ContainerDir(layout, config, removeAtExit),
                new Volumes(config.volumes()),
                new CgroupLimits(config.cgroupParent(), config.resources(), subsystems(config)));
    }

    /** The container's cgroup subsystems, each with its value from {@code config}: the book's three. */
    public List<Subsystem> subsystems(ContainerConfig config) {
        return Subsystem.ALL;
    }

    /** The container's directory and its image's layers. */
    public ContainerLayout layout(ContainerConfig config) {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        try {
            return ContainerLayout.of(config.id(), store, store.resolve(config.image()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image store: " + e.getMessage(), e);
        }
    }

    /** What init is told before the steps add their parts: the container's command and environment. */
    public InitMessage message(ContainerConfig config) {
        return new ProcessSpec(config.command(), config.env()).message();
    }

    /**
     * Book 3.2's {@code Run} for a container made from an image: in the
     * foreground, its CLI holding the container's lock ({@link ContainerLock})
     * until it ends. Returns its exit code.
     */
    public int runAttached(ContainerConfig config, boolean removeAtExit, boolean attachStdin) {
        List<HostStep> steps = new ArrayList<>(List.of(new ContainerLock(config.cgroupParent())));
        steps.addAll(hostSteps(config, removeAtExit));
        return new ContainerRun(this).run(config.container(), steps, message(config), attachStdin);
    }

    /** The directory of the container a user's word names: its ID or a unique prefix here; chapter 5 adds names. */
    public Path containerDir(String nameOrId) throws IOException {
        return ContainerConfig.find(Storage.dataRoot().resolve("containers"), nameOrId);
    }
}
