package mydocker.ch04;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;

/**
 * A container's directory, {@code MYDOCKER_ROOT/containers/<id>}, and the
 * image layers under it (book 4.2's "writeLayer" and "mnt"):
 * <pre>
 *   upper/     the container's read-write layer (overlay upperdir): what commit takes
 *   work/      overlay's scratch space (workdir), same filesystem as upper/
 *   merged/    where init mounts the union and pivots into
 *   init/      Docker's "init layer", the top read-only one: empty etc/hostname and
 *              etc/hosts, so every image has the files the two below are bound over
 *   hostname   bound over the image's /etc/hostname
 *   hosts      bound over the image's /etc/hosts
 * </pre>
 * The layers are the image's layer directories, top first, as overlay's
 * lowerdir wants them; the init layer goes over them ({@link #lowerdirs}). Init is told the whole layout ({@link #PART}).
 */
public record ContainerLayout(Path dir, List<Path> layers) {
    public static final InitMessage.Part<ContainerLayout> PART = new InitMessage.Part<>(
            "rootfs",
            (out, layout) -> {
                out.writeUTF(layout.dir().toString());
                InitMessage.writePaths(out, layout.layers());
            },
            in -> new ContainerLayout(Path.of(in.readUTF()), InitMessage.readPaths(in)));

    /** The lines every container's {@link #hosts} file starts with, as Docker's. */
    public static final String LOCALHOST_LINES = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    /** The layout of container {@code id} made from {@code image}. */
    public static ContainerLayout of(String id, ImageStore store, Image image) {
        List<Path> layers = new ArrayList<>();
        // Overlay lists lowerdirs top first; an image config lists its layers bottom first.
        image.config().diffIds().forEach(diffId -> layers.add(0, store.layerDir(diffId)));
        return new ContainerLayout(Storage.dataRoot().resolve("containers").resolve(id), layers);
    }

    public Path upper() {
        return dir.resolve("upper");
    }

    public Path work() {
        return dir.resolve("work");
    }

    public Path merged() {
        return dir.resolve("merged");
    }

    public Path init() {
        return dir.resolve("init");
    }

    /** Overlay's lowerdir, top first: the init layer, then the image's layers. */
    public List<Path> lowerdirs() {
        List<Path> lower = new ArrayList<>(List.of(init()));
        lower.addAll(layers);
        return lower;
    }

    public Path hostname() {
        return dir.resolve("hostname");
    }

    public Path hosts() {
        return dir.resolve("hosts");
    }
}
