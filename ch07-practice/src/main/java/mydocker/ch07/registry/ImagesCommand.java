package mydocker.ch07.registry;

import java.io.IOException;
import java.util.List;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Chapter 4's {@code images}, with Docker's {@code --digests}: the manifest digest each name was pulled or pushed by. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List images.")
public class ImagesCommand extends mydocker.ch04.ImagesCommand {
    @Option(names = "--digests", description = "Show digests.")
    boolean digests;

    @Override
    protected List<String> columnsAfterTag() {
        return digests ? List.of("DIGEST") : List.of();
    }

    @Override
    protected List<String> cellsAfterTag(Image image, ImageReference ref) throws IOException {
        if (!digests) {
            return List.of();
        }
        String digest = ref == null
                ? "<none>"
                : RepoDigests.at(Storage.dataRoot())
                        .digest(ref.name(), image.id())
                        .orElse("<none>");
        return List.of(digest);
    }
}
