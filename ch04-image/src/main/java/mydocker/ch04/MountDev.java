package mydocker.ch04;

import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_STRICTATIME;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * The container's /dev: not the host's (where every disk is), but a small
 * tmpfs with the devices any program may open — the set the OCI runtime spec
 * lists — plus its own devpts (so a pty made inside is the container's) and
 * /dev/shm. The book mounts a bare tmpfs on /dev (4.1); `ls /dev` then shows
 * nothing and /dev/null is missing.
 */
public final class MountDev implements InitStep {
    /** name → major:minor of the character devices, as in the kernel's devices.txt. */
    private static final Map<String, int[]> DEVICES = Map.of(
            "null",
            new int[] {1, 3},
            "zero",
            new int[] {1, 5},
            "full",
            new int[] {1, 7},
            "random",
            new int[] {1, 8},
            "urandom",
            new int[] {1, 9},
            "tty",
            new int[] {5, 0});

    private final Path dev;

    MountDev(Path merged) {
        this.dev = merged.resolve("dev");
    }

    @Override
    public void run() {
        try {
            Syscall.mount("tmpfs", dev.toString(), "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
            Files.createDirectory(dev.resolve("pts"));
            Syscall.mount(
                    "devpts",
                    dev.resolve("pts").toString(),
                    "devpts",
                    MS_NOSUID | MS_NOEXEC,
                    "newinstance,ptmxmode=0666,mode=0620");
            Files.createDirectory(dev.resolve("shm"));
            Syscall.mount(
                    "shm",
                    dev.resolve("shm").toString(),
                    "tmpfs",
                    MS_NOSUID | MS_NODEV | MS_NOEXEC,
                    "mode=1777,size=65536k");
            devicesAndLinks(dev);
        } catch (IOException e) {
            throw new UncheckedIOException("setting up /dev: " + e.getMessage(), e);
        }
    }

    /**
     * The devices any program may open and /dev's usual links, in {@code dev}
     * (a /dev already mounted, with its pts if it has one): those missing are
     * made, none is replaced. Chapter 7's OCI runtime gives every container
     * these too, as the runtime spec asks.
     */
    public static void devicesAndLinks(Path dev) throws IOException {
        for (Map.Entry<String, int[]> device : DEVICES.entrySet()) {
            Path node = dev.resolve(device.getKey());
            if (!Files.exists(node, LinkOption.NOFOLLOW_LINKS)) {
                Syscall.mknodChar(node.toString(), 0666, device.getValue()[0], device.getValue()[1]);
                // mknod's mode passes through the umask (022: 0644): a process that is not
                // root could not write /dev/null. runc sets the mode whole, as here.
                Syscall.chmod(node.toString(), 0666);
            }
        }
        Map<String, String> links = Map.of(
                "ptmx", "pts/ptmx",
                "fd", "/proc/self/fd",
                "stdin", "/proc/self/fd/0",
                "stdout", "/proc/self/fd/1",
                "stderr", "/proc/self/fd/2");
        for (Map.Entry<String, String> link : links.entrySet()) {
            Path at = dev.resolve(link.getKey());
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(at, Path.of(link.getValue()));
            }
        }
    }
}
