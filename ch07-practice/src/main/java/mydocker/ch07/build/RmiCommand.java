package mydocker.ch07.build;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 4's {@code rmi}, which also deletes the images a build's steps left
 * under the one it deletes — untagged, with no other child, used by no
 * container — as {@code docker rmi} prunes them, unless {@code --no-prune}.
 */
@Command(
        name = "rmi",
        mixinStandardHelpOptions = true,
        description = "Remove images (not while a container uses them), and the untagged images their build left.")
public class RmiCommand extends mydocker.ch04.RmiCommand {
    @Option(names = "--no-prune", description = "Do not delete untagged parents.")
    boolean noPrune;

    @Override
    protected void removed(ImageStore store, Image image, List<Image> before) throws IOException {
        Image child = image;
        while (!noPrune) {
            Optional<Image> parent = ImageParents.parent(child, before);
            List<Image> left = store.list();
            if (parent.isEmpty()
                    || !parent.get().references().isEmpty()
                    || left.stream().noneMatch(i -> i.id().equals(parent.get().id()))
                    || ImageParents.hasChild(parent.get(), left)
                    || containerUsing(parent.get()).isPresent()) {
                return;
            }
            store.remove(parent.get());
            System.out.println("Deleted: " + parent.get().id());
            child = parent.get();
        }
    }
}
