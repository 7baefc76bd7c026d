package mydocker.ch07.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitStep;
import mydocker.ch04.RootfsPath;
import mydocker.syscall.Syscall;

/**
 * {@code linux.devices} (runc's createDevices/mknodDevice): each node made in
 * the container's /dev after config.json's mounts (so on its /dev tmpfs) and
 * before the default devices, which then leave a node of the same path alone.
 * Its directory is found inside the root ({@link RootfsPath}) and must be
 * under the root's real /dev: an image whose /dev, or a directory under it,
 * is a symlink to /etc gets no device node in /etc. A node already there is
 * kept, as runc keeps it. mknod's mode passes through the umask, so the
 * permission bits are set again after, then the owner.
 */
final class LinuxDevices implements InitStep {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path rootfs;
    private final List<DeviceNode> devices;

    LinuxDevices(Path rootfs, List<DeviceNode> devices) {
        this.rootfs = rootfs;
        this.devices = devices;
    }

    @Override
    public void run() {
        Path dev = rootfs.resolve("dev");
        for (DeviceNode device : devices) {
            Path path = Path.of(device.path());
            Path parent = RootfsPath.makeDirectories(rootfs, path.getParent().toString());
            if (!Files.isDirectory(dev, NOFOLLOW) || !parent.startsWith(dev)) {
                throw new IllegalStateException("linux.devices: " + device.path()
                        + " would be made in " + RootfsPath.inContainer(rootfs, parent)
                        + ": the image's /dev is a symlink out of /dev");
            }
            Path node = parent.resolve(path.getFileName().toString());
            if (Files.exists(node, NOFOLLOW)) {
                continue;
            }
            Syscall.mknod(node.toString(), device.type(), device.permissions(), device.major(), device.minor());
            Syscall.chmod(node.toString(), device.permissions());
            try {
                Files.setAttribute(node, "unix:uid", (int) device.uid(), NOFOLLOW);
                Files.setAttribute(node, "unix:gid", (int) device.gid(), NOFOLLOW);
            } catch (IOException e) {
                throw new UncheckedIOException("linux.devices: chown " + device.path() + ": " + e.getMessage(), e);
            }
        }
    }
}
