package mydocker.ch04;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code -v /host/dir:/container/dir[:ro]} (book 4.3): a host directory bound
 * into the container, outside its layers, so what is written there outlives
 * the container and never reaches the image.
 */
public record Volume(Path host, Path container, boolean readOnly) {
    /**
     * What every volume is, however it was made (from a flag, or read back
     * from a container's config.json): two absolute, normalised paths, the
     * container's neither / nor the kernel's.
     */
    public Volume {
        if (!host.isAbsolute() || !host.equals(host.normalize())) {
            throw new IllegalArgumentException("volume host path " + host + " is not absolute and normalised");
        }
        if (!container.isAbsolute() || !container.equals(container.normalize()) || container.getNameCount() == 0) {
            throw new IllegalArgumentException(
                    "volume container path " + container + " is not absolute, normalised and below /");
        }
        if (isKernelPath(container)) {
            throw new IllegalArgumentException("volume container path " + container + " is the kernel's");
        }
    }

    public static Volume parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(spec, "expected /host/dir:/container/dir[:ro]");
        }
        if (!parts[0].startsWith("/")) {
            throw invalid(spec, "the host path must be absolute, e.g. -v $PWD/data:/data");
        }
        if (!parts[1].startsWith("/") || parts[1].equals("/")) {
            throw invalid(spec, "the container path must be absolute and not /");
        }
        for (String path : List.of(parts[0], parts[1])) {
            if (List.of(path.split("/")).contains("..")) {
                throw invalid(spec, "'..' is not allowed in a volume path");
            }
        }
        if (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
            throw invalid(spec, "unknown mode '" + parts[2] + "' (use ro or rw)");
        }
        Path container = Path.of(parts[1]).normalize();
        if (isKernelPath(container)) {
            throw invalid(
                    spec,
                    container + " is the kernel's (/proc, /sys and /dev are the container's own):"
                            + " choose another container path");
        }
        return new Volume(Path.of(parts[0]).normalize(), container, parts.length == 3 && parts[2].equals("ro"));
    }

    /** Every -v of one run, checked together: no two may share a container path (Docker: duplicate mount point). */
    public static List<Volume> parseAll(List<String> specs) {
        List<Volume> volumes = specs.stream().map(Volume::parse).toList();
        Set<Path> seen = new HashSet<>();
        for (Volume v : volumes) {
            if (!seen.add(v.container())) {
                throw new IllegalArgumentException("duplicate mount point: " + v.container()
                        + " is given in two -v: give each container path once");
            }
        }
        return volumes;
    }

    /**
     * /proc, /sys, /dev or anything below them: the container's own kernel
     * views, mounted after the volumes. A volume there would be silently
     * covered, or (runc refuses it too) cover what the kernel provides.
     */
    static boolean isKernelPath(Path container) {
        return MountPoints.KERNEL_DIRS.stream().map(Path::of).anyMatch(container::startsWith);
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("invalid volume specification '" + spec + "': " + why);
    }

    @Override
    public String toString() {
        return host + ":" + container + (readOnly ? ":ro" : ":rw");
    }
}
