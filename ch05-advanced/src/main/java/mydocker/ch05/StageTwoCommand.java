package mydocker.ch05;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch03.Limits;
import mydocker.ch03.Storage;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ImageContainer;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The second JVM of {@code run -d} (see {@link DetachedStart}), under the shim:
 * starts the container from its config.json, leaves for the shim the pid to
 * wait for, the cgroup to remove and the space for the exit record
 * ({@link StateFile}, {@link InitPidFile}: all before the command runs), reports,
 * and exits.
 */
@Command(name = StageTwoCommand.NAME, hidden = true)
public class StageTwoCommand implements Callable<Integer> {
    public static final String NAME = "__start";

    @Parameters(index = "0")
    String id;

    @Override
    public Integer call() {
        try (FileChannel lock = Containers.startLock(id)) {
            Path dir = Containers.dir(id);
            if (!Files.isDirectory(dir)) {
                DetachedStart.report("container " + id + " was removed before it started");
                return 125;
            }
            ContainerConfig config = ContainerConfig.read(dir);
            ImageStore store = ImageStore.at(Storage.dataRoot());
            Container container = new Container(config.id(), config.hostname());
            ImageContainer image = ImageContainer.of(container, store, store.resolve(config.image()), config);
            ResourceConfig resources = Limits.of(
                    config.memory(),
                    config.cpuShares(),
                    config.cpusetCpus(),
                    Files.readString(Path.of("/sys/devices/system/cpu/online")));
            CgroupLimits cgroup = new CgroupLimits(
                    config.cgroupParent() == null ? CgroupParent.DEFAULT : CgroupParent.parse(config.cgroupParent()),
                    resources);
            List<HostStep> steps = new ArrayList<>(image.hostSteps(false, cgroup));
            steps.add(new StateFile(dir, cgroup));
            steps.add(new InitPidFile(dir));
            steps.addAll(extraSteps(config, dir));
            new ContainerRun(mainClass()).start(container, steps, image.message());
            DetachedStart.report("ok");
            return 0;
        } catch (IOException | RuntimeException e) {
            DetachedStart.report(e);
            return 125;
        }
    }

    /** The chapter whose init runs in the container. */
    protected Class<?> mainClass() {
        return Main.class;
    }

    /** What a later chapter adds to a container's start, as in {@link RunCommand#extraSteps}. */
    protected List<HostStep> extraSteps(ContainerConfig config, Path dir) {
        return List.of();
    }
}
