package mydocker.ch04;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code -v /host/dir:/container/dir[:ro]} (book 4.3): a host directory bound
 * into the container, outside its layers, so what is written there outlives
 * the container and never reaches the image.
 */
public record Volume(Path host, Path container, boolean readOnly) {

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
        return new Volume(Path.of(parts[0]).normalize(), Path.of(parts[1]).normalize(),
                parts.length == 3 && parts[2].equals("ro"));
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("invalid volume specification '" + spec + "': " + why);
    }

    @Override
    public String toString() {
        return host + ":" + container + (readOnly ? ":ro" : ":rw");
    }
}
