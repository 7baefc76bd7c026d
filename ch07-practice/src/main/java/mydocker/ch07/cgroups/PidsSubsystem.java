package mydocker.ch07.cgroups;

import java.nio.file.Path;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.OciResources;

/**
 * The pids controller ({@code linux.resources.pids.limit}): at most so many
 * tasks in the group, so a fork bomb inside stops at fork() failing with
 * EAGAIN instead of filling the host's pid table. Not one of the book's
 * subsystems (its {@code run} has no flag for it): chapter 7 brings it
 * because an OCI config may ask for it. The same file on v1 and v2.
 */
final class PidsSubsystem implements Subsystem {
    private final OciResources resources;

    PidsSubsystem(OciResources resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "pids";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {
        resources.pidsLimit().ifPresent(max -> limits.write(group.resolve("pids.max"), max < 0 ? "max" : max));
    }

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {
        setV1(group, ignored, limits);
    }
}
