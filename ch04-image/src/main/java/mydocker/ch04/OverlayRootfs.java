package mydocker.ch04;

import java.nio.file.Path;
import java.util.stream.Collectors;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * Book 4.2 with overlayfs for AUFS: the image's layers (read-only, shared by
 * every container of the image) under the container's own upper layer. Init
 * mounts it inside the container's mount namespace, so the host never sees
 * it and it cannot outlive the container.
 */
final class OverlayRootfs implements InitStep {
    private final ContainerLayout layout;

    OverlayRootfs(ContainerLayout layout) {
        this.layout = layout;
    }

    @Override
    public void run() {
        String lower = layout.lowerdirs().stream().map(Path::toString).collect(Collectors.joining(":"));
        Syscall.mount(
                "overlay",
                layout.merged().toString(),
                "overlay",
                0,
                "lowerdir=" + lower + ",upperdir=" + layout.upper() + ",workdir=" + layout.work());
    }
}
