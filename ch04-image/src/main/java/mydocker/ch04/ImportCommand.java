package mydocker.ch04;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.LookPath;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.InputFile;
import mydocker.ch04.image.LayerUnpacker;
import mydocker.ch04.image.Scratch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker import FILE|- NAME[:TAG]}: a root filesystem tar becomes a one-layer image, like docker import. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Make a one-layer image from a root filesystem tar (FILE, or - for stdin).")
public class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-")
    String file;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]")
    String reference;

    @Override
    public Integer call() throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        if (ref.digest() != null) {
            throw new IllegalArgumentException("import names an image NAME[:TAG], not a digest: " + reference);
        }
        Root.require("import");
        InputFile input = file.equals("-") ? InputFile.STDIN : InputFile.of(Path.of(file), "tar archive");
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        String id;
        try (Scratch scratch = store.scratch()) {
            LayerUnpacker.Result layer;
            try (InputStream in = new Progress(input.open(), "importing", input.size())) {
                layer = store.unpackLayer(in, scratch);
            }
            layer.warnings().forEach(w -> System.err.println("mydocker: warning: " + w));
            id = store.register(config(layer.diffId()), ref);
        } catch (IOException | RuntimeException e) {
            store.sweepAfter(e);
            throw e;
        }
        System.out.println(id);
        return 0;
    }

    /** The new image's config, its one layer {@code diffId}: PATH only (a later chapter adds {@code --change}). */
    protected ImageConfig config(String diffId) {
        return ImageConfig.create(List.of(), List.of("PATH=" + LookPath.DEFAULT_PATH), List.of(diffId));
    }
}
