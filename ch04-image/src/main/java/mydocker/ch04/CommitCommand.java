package mydocker.ch04;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.LayerTar;
import mydocker.ch04.image.Scratch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker commit CONTAINER NAME[:TAG]} (book 4.4): a new image made
 * of the container's image layers plus its upper layer. The book tars the
 * whole merged view into one file; here the upper layer becomes one more
 * layer (its deletions kept as whiteouts), and the image's layers are shared.
 */
@Command(
        name = "commit",
        mixinStandardHelpOptions = true,
        description = "Make an image from a container's changes (it may be running).")
public final class CommitCommand implements Callable<Integer> {
    private final Engine engine;

    public CommitCommand(Engine engine) {
        this.engine = engine;
    }

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name, ID or a unique ID prefix.")
    String container;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]")
    String reference;

    @Override
    public Integer call() throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        Root.require("commit");
        Path dir = engine.containerDir(container);
        ContainerConfig config = ContainerConfig.read(dir);
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        Image base = store.resolve(config.image());
        String id;
        try (Scratch scratch = store.scratch()) {
            List<String> layers = new ArrayList<>(base.config().diffIds());
            layers.add(upperLayer(dir, store, scratch));
            id = store.register(
                    ImageConfig.create(base.config().cmd(), base.config().env(), layers), ref);
        } catch (IOException | RuntimeException e) {
            store.sweepAfter(e);
            throw e;
        }
        System.out.println(id);
        return 0;
    }

    /**
     * The container's upper layer filed in the store (claimed for
     * {@code scratch}'s command): its diff ID. It goes through its own tar,
     * exactly as save will write it, and back in through the checked
     * unpacker: whiteouts and all. Also a later chapter's build step.
     */
    public static String upperLayer(Path containerDir, ImageStore store, Scratch scratch) throws IOException {
        Path tar = scratch.newFile("upper.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            LayerTar.write(containerDir.resolve("upper"), out);
        }
        return store.unpackLayer(tar, scratch).diffId();
    }
}
