package mydocker.ch04;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * Book 4.3's volumes, in two halves: on the host the directories are made if
 * missing; in init each one is bound into the union before pivot_root (while
 * the host's paths can still be named), and re-mounted read-only for
 * {@code :ro} — a bind mount takes MS_RDONLY only on a remount.
 */
final class Volumes implements HostStep, InitStep {
    static final String KEY = "volumes";

    private final List<Volume> volumes;

    Volumes(List<Volume> volumes) {
        this.volumes = volumes;
    }

    /** The init side, which reads the volumes from the message. */
    Volumes() {
        this(List.of());
    }

    static List<String> toMessage(List<Volume> volumes) {
        return volumes.stream().map(Volume::toString).toList();
    }

    @Override
    public void beforeStart(Container container) {
        for (Volume v : volumes) {
            try {
                Files.createDirectories(v.host());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "volume " + v + ": cannot create " + v.host() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void run(InitMessage message) {
        Path merged = ContainerLayout.of(message).merged();
        for (String spec : message.get(KEY)) {
            Volume v = Volume.parse(spec);
            Path target = RootfsPath.makeDirectories(merged, v.container().toString());
            String seen = RootfsPath.inContainer(merged, target);
            if (Volume.isKernelPath(Path.of(seen))) {
                throw new IllegalArgumentException("volume " + v + ": " + v.container() + " leads to " + seen
                        + " in the image: a volume may not cover /proc, /sys or /dev");
            }
            Syscall.mount(v.host().toString(), target.toString(), null, MS_BIND | MS_REC, null);
            if (v.readOnly()) {
                Syscall.mount(null, target.toString(), null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
            }
        }
    }
}
