package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;

/**
 * The container's state files, all made before the user's command runs,
 * because once it runs it may fill the disk:
 * <ul>
 * <li>before init exists, the space for its exit record
 *     ({@link ContainerState#reserveExitRecord}), so that how it ended can be
 *     written even on a full disk;</li>
 * <li>as soon as init exists, its pid and start time (state.json, for `ps`,
 *     `stop` and `exec`) and its cgroups (for `exec` to join and `rm` to
 *     remove): a container that ran without them could be neither seen nor
 *     removed.</li>
 * </ul>
 */
final class StateFile implements HostStep {
    private final Path dir;
    private final CgroupParent cgroupParent;
    private final List<Subsystem> subsystems;

    /** @param cgroupParent where chapter 3's {@code CgroupLimits} made the container's group, with {@code subsystems} */
    StateFile(Path dir, CgroupParent cgroupParent, List<Subsystem> subsystems) {
        this.dir = dir;
        this.cgroupParent = cgroupParent;
        this.subsystems = subsystems;
    }

    @Override
    public void beforeStart(Container container) {
        try {
            ContainerState.reserveExitRecord(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot reserve space for container " + container.id().substring(0, 12) + "'s exit record in " + dir
                            + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void afterStart(Container container, int pid) {
        try {
            RecordedCgroups.write(
                    dir,
                    CgroupManager.open(cgroupParent, container.id(), subsystems).paths());
            ContainerState.started(dir, pid);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot record container " + container.id().substring(0, 12) + "'s state in " + dir + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
