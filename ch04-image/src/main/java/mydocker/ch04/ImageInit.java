package mydocker.ch04;

import java.util.List;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitStep;
import mydocker.ch03.LoopbackUp;
import mydocker.ch03.MountProc;
import mydocker.ch03.PrivateMounts;

/**
 * Chapter 3's init with a root filesystem of the container's own: between
 * making mounts private and mounting /proc come the union (4.2), its
 * /etc files, the volumes (4.3), /dev, and the pivot into it (4.1); /sys
 * follows /proc.
 */
public final class ImageInit extends ContainerInit {
    @Override
    protected List<InitStep> steps() {
        return List.of(
                new PrivateMounts(),
                new LoopbackUp(),
                new OverlayRootfs(),
                new MountPoints(),
                new EtcFiles(),
                new Volumes(),
                new MountDev(),
                new PivotRoot(),
                new MountProc(),
                new MountSys());
    }
}
