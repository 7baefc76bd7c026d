package mydocker.ch04;

import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitStep;

/**
 * An imported root filesystem may lack /proc, /sys or /dev: made here, in the
 * container's upper layer, as Docker does, so their mounts have a place.
 * Each must be a real directory of the image: one that is a symlink (to
 * anywhere) is refused, as runc refuses it, since the kernel's own files
 * would otherwise be mounted wherever the image points.
 */
final class MountPoints implements InitStep {
    static final List<String> KERNEL_DIRS = List.of("/proc", "/sys", "/dev");

    private final Path merged;

    MountPoints(Path merged) {
        this.merged = merged;
    }

    @Override
    public void run() {
        for (String dir : KERNEL_DIRS) {
            Path made = RootfsPath.makeDirectories(merged, dir);
            if (!made.equals(merged.resolve(dir.substring(1)))) {
                throw new IllegalStateException("the image's " + dir + " is a symlink (to "
                        + RootfsPath.inContainer(merged, made) + "): " + dir + " must be a directory");
            }
        }
    }
}
