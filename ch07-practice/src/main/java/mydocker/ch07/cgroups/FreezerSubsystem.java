package mydocker.ch07.cgroups;

import java.nio.file.Path;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;

/**
 * The freezer controller's hierarchy on v1: the container's group there is
 * what {@link Freezer} freezes. Nothing to set at create. (v2 has no freezer
 * controller: every group has {@code cgroup.freeze}.)
 */
final class FreezerSubsystem implements Subsystem {
    @Override
    public String name() {
        return "freezer";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {}

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {}
}
