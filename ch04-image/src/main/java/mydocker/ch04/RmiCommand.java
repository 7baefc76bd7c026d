package mydocker.ch04;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker rmi IMAGE...}: untag, and remove images no container uses. */
@Command(
        name = "rmi",
        mixinStandardHelpOptions = true,
        description = "Remove images (not while a container uses them).")
public class RmiCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() throws IOException {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        for (String reference : images) {
            List<Image> before = store.list();
            ImageStore.Match match = store.find(reference);
            Image image = match.image();
            if (match.name() != null && image.references().size() > 1) {
                store.untag(match.name());
                System.out.println("Untagged: " + match.name());
                continue;
            }
            Optional<String> user = containerUsing(image);
            if (user.isPresent()) {
                throw new IllegalStateException("conflict: unable to remove image " + reference + ": container "
                        + user.get().substring(0, 12) + " uses it (remove the container first)");
            }
            store.remove(image);
            image.references().forEach(ref -> System.out.println("Untagged: " + ref));
            System.out.println("Deleted: " + image.id());
            removed(store, image, before);
        }
        return 0;
    }

    /** The ID of a container made from {@code image}, if there is one: it keeps the image. */
    protected static Optional<String> containerUsing(Image image) throws IOException {
        return ContainerConfig.all(Storage.dataRoot().resolve("containers")).stream()
                .filter(c -> c.image().equals(image.id()))
                .map(ContainerConfig::id)
                .findFirst();
    }

    /** After {@code image} is deleted ({@code before}: the images there were): nothing more here; a later chapter prunes. */
    protected void removed(ImageStore store, Image image, List<Image> before) throws IOException {}
}
