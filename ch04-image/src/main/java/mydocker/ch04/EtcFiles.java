package mydocker.ch04;

import static mydocker.syscall.MountFlags.MS_BIND;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * /etc/hostname and /etc/hosts are the container's, not the image's: bound
 * from its directory as Docker does, so they never land in the upper layer
 * (and so never in a commit).
 */
final class EtcFiles implements InitStep {
    private final ContainerLayout layout;

    EtcFiles(ContainerLayout layout) {
        this.layout = layout;
    }

    @Override
    public void run() {
        bind(layout.hostname(), RootfsPath.resolve(layout.merged(), "/etc/hostname"));
        bind(layout.hosts(), RootfsPath.resolve(layout.merged(), "/etc/hosts"));
    }

    /**
     * Over the file the merged root has — at least the init layer's empty one
     * ({@link ContainerLayout#init}); never created here, which would write
     * into the upper layer. The target was resolved inside the container's root, so it is
     * never a symlink (nor reached through one) to a host file.
     */
    private static void bind(Path source, Path target) {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Syscall.mount(source.toString(), target.toString(), null, MS_BIND, null);
        }
    }
}
