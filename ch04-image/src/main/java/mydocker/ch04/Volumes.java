package mydocker.ch04;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    static final InitMessage.Part<List<Volume>> PART = new InitMessage.Part<>(
            "volumes",
            (out, volumes) -> {
                out.writeInt(volumes.size());
                for (Volume v : volumes) {
                    out.writeUTF(v.host().toString());
                    out.writeUTF(v.container().toString());
                    out.writeBoolean(v.readOnly());
                }
            },
            in -> {
                List<Volume> volumes = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    volumes.add(new Volume(Path.of(in.readUTF()), Path.of(in.readUTF()), in.readBoolean()));
                }
                return volumes;
            });

    private final List<Volume> volumes;
    /** The union they are bound into, on the init side; null on the host's. */
    private final Path merged;

    /** The host side. */
    Volumes(List<Volume> volumes) {
        this(volumes, null);
    }

    /** The init side, binding into the union at {@code merged}. */
    Volumes(List<Volume> volumes, Path merged) {
        this.volumes = volumes;
        this.merged = merged;
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
    public InitMessage forInit(InitMessage message) {
        return message.with(PART, volumes);
    }

    @Override
    public void run() {
        for (Volume v : volumes) {
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
