package mydocker.ch07.build;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker tag SOURCE TARGET}: one more name for an image, as docker tag (a name it had moves). */
@Command(
        name = "tag",
        mixinStandardHelpOptions = true,
        description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
public final class TagCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    public Integer call() throws IOException {
        ImageReference name = ImageReference.parse(target);
        if (name.digest() != null) {
            throw new IllegalArgumentException("refusing to create a tag with a digest reference: " + target);
        }
        Root.require("tag");
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image image = store.resolve(source);
        store.register(List.of(), Map.of(name, image.id()));
        return 0;
    }
}
