package mydocker.ch04;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.ch03.InitMessage;

/**
 * A container's directory, {@code MYDOCKER_ROOT/containers/<id>}, and the
 * image layers under it (book 4.2's "writeLayer" and "mnt"):
 * <pre>
 *   upper/     the container's read-write layer (overlay upperdir): what commit takes
 *   work/      overlay's scratch space (workdir), same filesystem as upper/
 *   merged/    where init mounts the union and pivots into
 *   hostname   bound over the image's /etc/hostname
 *   hosts      bound over the image's /etc/hosts
 * </pre>
 * The layers are the image's layer directories, top first, as overlay's
 * lowerdir wants them.
 */
public record ContainerLayout(Path dir, List<Path> layers) {
    static final String DIR = "container.dir";
    static final String LAYERS = "image.layers";

    public Path upper() {
        return dir.resolve("upper");
    }

    public Path work() {
        return dir.resolve("work");
    }

    public Path merged() {
        return dir.resolve("merged");
    }

    public Path hostname() {
        return dir.resolve("hostname");
    }

    public Path hosts() {
        return dir.resolve("hosts");
    }

    /** The entries init needs, added to the message it reads from the pipe. */
    Map<String, List<String>> toMessage() {
        return Map.of(
                DIR,
                List.of(dir.toString()),
                LAYERS,
                layers.stream().map(Path::toString).toList());
    }

    static ContainerLayout of(InitMessage message) {
        List<Path> layers = new ArrayList<>();
        message.get(LAYERS).forEach(l -> layers.add(Path.of(l)));
        return new ContainerLayout(Path.of(message.get(DIR).get(0)), layers);
    }
}
