package mydocker.ch04;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.LookPath;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.LayerUnpacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker import FILE|- NAME[:TAG]}: a root filesystem tar becomes a one-layer image, like docker import. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a one-layer image from a root filesystem tar (FILE, or - for stdin).")
public class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-")
    String file;

    @Parameters(index = "1", paramLabel = "NAME[:TAG]")
    String reference;

    @Override
    public Integer call() throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        Root.require("import");
        ImageStore store = ImageStore.at(Storage.dataRoot());
        LayerUnpacker.Result layer;
        try (InputStream in = new Progress(open(), "importing", file.equals("-") ? -1 : Files.size(Path.of(file)))) {
            layer = store.unpackLayer(in);
        }
        layer.warnings().forEach(w -> System.err.println("mydocker: warning: " + w));
        String id = store.register(ImageConfig.create(List.of(), List.of("PATH=" + LookPath.DEFAULT_PATH),
                List.of(layer.diffId())));
        store.tag(ref, id);
        System.out.println(id);
        return 0;
    }

    private InputStream open() throws IOException {
        if (file.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("open " + file + ": no such file");
        }
    }
}
