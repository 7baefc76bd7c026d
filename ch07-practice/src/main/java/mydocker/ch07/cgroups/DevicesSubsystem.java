package mydocker.ch07.cgroups;

import java.nio.file.Path;
import mydocker.ch02.cgroups.CgroupFile;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.DeviceCgroup;
import mydocker.ch07.oci.DeviceCgroupRule;

/**
 * The device cgroup ({@code linux.resources.devices}): which device nodes the
 * container's processes may open (read, write) or make (mknod). Without it a
 * root in the container could {@code mknod /dev/sda b 8 0} and read the
 * host's disk, or open the host's memory through a {@code c 1:1} node; the
 * capability to mknod is not the question, the device is.
 *
 * <p>v1 has a {@code devices} hierarchy: the container's group there starts
 * as its parent allows (everything), so {@code a} goes to {@code devices.deny}
 * first, then each rule, in order, to {@code devices.allow} or {@code
 * devices.deny} — the kernel keeps the list as {@link DeviceCgroup} reads it.
 * v2 has no such files: the same decision is an eBPF program attached to the
 * group ({@link DeviceFilter}), as runc does it.
 */
final class DevicesSubsystem implements Subsystem {
    private final DeviceCgroup devices;

    DevicesSubsystem(DeviceCgroup devices) {
        this.devices = devices;
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {
        // Written, not recorded as limits: devices.allow and devices.deny cannot be read back.
        CgroupFile.write(group.resolve("devices.deny"), "a");
        for (DeviceCgroupRule rule : devices.rules()) {
            CgroupFile.write(group.resolve(rule.allow() ? "devices.allow" : "devices.deny"), rule.line());
        }
    }

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {
        DeviceFilter.attach(group, devices);
    }
}
