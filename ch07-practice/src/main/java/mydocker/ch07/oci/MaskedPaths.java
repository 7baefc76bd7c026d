package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_RDONLY;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code linux.maskedPaths} (book 7.4; runc's maskPath): what the kernel shows
 * in /proc and /sys but a container must not read (/proc/kcore is the host's
 * memory, /proc/keys its keyrings) is covered after pivot_root: a file by the
 * container's /dev/null bound over it, a directory by an empty read-only
 * tmpfs. A path this kernel does not have is skipped. The paths are found
 * inside the container's root ({@link ContainerPaths}).
 */
final class MaskedPaths implements InitStep {
    private final ContainerPaths paths;

    MaskedPaths(ContainerPaths paths) {
        this.paths = paths;
    }

    @Override
    public void run() {
        paths.forEachExisting(at -> {
            String target = at.toString();
            if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                Syscall.mount("tmpfs", target, "tmpfs", MS_RDONLY, null);
            } else {
                Syscall.mount("/dev/null", target, null, MS_BIND, null);
            }
        });
    }
}
