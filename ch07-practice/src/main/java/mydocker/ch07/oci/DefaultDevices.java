package mydocker.ch07.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import mydocker.ch03.InitStep;
import mydocker.ch04.MountDev;
import mydocker.ch04.RootfsPath;

/**
 * The runtime spec's default devices (null, zero, full, random, urandom, tty,
 * ptmx) and /dev's links, in the container's /dev after the mounts: chapter
 * 4's {@link MountDev} makes them, here whatever config.json mounted on /dev.
 */
final class DefaultDevices implements InitStep {
    private final Path rootfs;

    DefaultDevices(Path rootfs) {
        this.rootfs = rootfs;
    }

    @Override
    public void run() {
        try {
            MountDev.devicesAndLinks(RootfsPath.makeDirectories(rootfs, "/dev"));
        } catch (IOException e) {
            throw new UncheckedIOException("making the default devices: " + e.getMessage(), e);
        }
    }
}
