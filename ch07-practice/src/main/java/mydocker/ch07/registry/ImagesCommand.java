package mydocker.ch07.registry;

import java.io.IOException;
import java.util.List;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch07.build.ImageParents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 4's {@code images}, with Docker's {@code --digests} (the manifest
 * digest each name was pulled or pushed by) and {@code -a} (the images of a
 * build's steps too).
 */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List images.")
public class ImagesCommand extends mydocker.ch04.ImagesCommand {
    @Option(names = "--digests", description = "Show digests.")
    boolean digests;

    @Option(
            names = {"-a", "--all"},
            description = "Show all images (by default the images of a build's steps are hidden).")
    boolean all;

    /** Docker's default: not the untagged images a build's steps made under another. */
    @Override
    protected boolean listed(Image image, List<Image> images) {
        return all || !ImageParents.intermediate(image, images);
    }

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
