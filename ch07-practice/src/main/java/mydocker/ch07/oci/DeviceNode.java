package mydocker.ch07.oci;

import static mydocker.syscall.Syscall.S_IFBLK;
import static mydocker.syscall.Syscall.S_IFCHR;
import static mydocker.syscall.Syscall.S_IFIFO;

import java.util.Map;

/**
 * One of {@code linux.devices}, checked: a path under /dev, its node type as
 * mknod(2) takes it ({@code c} and {@code u}, unbuffered, are both a character
 * device, as runc reads them; {@code b} a block device; {@code p} a FIFO), the
 * device numbers, the permission bits (0666 when not given) and its owner (0
 * when not given).
 */
public record DeviceNode(String path, int type, long major, long minor, int permissions, long uid, long gid) {
    private static final Map<String, Integer> TYPES = Map.of("c", S_IFCHR, "u", S_IFCHR, "b", S_IFBLK, "p", S_IFIFO);
    /** What a file mode's type bits are (S_IFMT): runc drops them from fileMode, as the type says it. */
    private static final long S_IFMT = 0170000;
    /** Linux's dev_t: 12 + 20 bits of major and minor in the kernel (MAJOR/MINOR of kdev_t). */
    private static final long MAX_MAJOR = (1L << 12) - 1;

    private static final long MAX_MINOR = (1L << 20) - 1;

    static DeviceNode of(Spec.Device device) {
        if (device == null) {
            throw refused("null", "is null");
        }
        String path = device.path();
        ContainerPaths.check(path, "linux.devices");
        if (!path.startsWith("/dev/") || path.replaceAll("/+$", "").equals("/dev")) {
            throw refused(path, "is not under /dev (a device is made in the container's /dev, e.g. /dev/fuse)");
        }
        Integer type = TYPES.get(device.type());
        if (type == null) {
            throw refused(path, "has type " + device.type() + ": not one of c, b, u, p");
        }
        long major = 0;
        long minor = 0;
        if (type != S_IFIFO) {
            major = number(path, "major", device.major(), MAX_MAJOR);
            minor = number(path, "minor", device.minor(), MAX_MINOR);
        }
        long mode = device.fileMode() == null ? 0666 : device.fileMode() & ~S_IFMT;
        if (mode < 0 || mode > 07777) {
            throw refused(path, "has fileMode " + device.fileMode() + ": only permission bits (07777) may be set");
        }
        return new DeviceNode(
                path, type, major, minor, (int) mode, id(path, "uid", device.uid()), id(path, "gid", device.gid()));
    }

    private static long number(String path, String field, Long value, long max) {
        if (value == null || value < 0 || value > max) {
            throw refused(path, "needs a " + field + " number from 0 to " + max + " (got " + value + ")");
        }
        return value;
    }

    private static long id(String path, String field, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > 0xfffffffeL) {
            throw refused(path, "has " + field + " " + value + ": not a user or group ID");
        }
        return value;
    }

    private static IllegalArgumentException refused(String path, String problem) {
        return new IllegalArgumentException("config.json: linux.devices: " + path + " " + problem);
    }
}
