package mydocker.ch04;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;

/** {@code mydocker images}: Docker's table of the images in the store. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List images.")
public class ImagesCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        Table table = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        Instant now = Instant.now();
        for (Image image : store.list()) {
            String created = Human.ago(image.config().created(), now);
            String size = Human.size(store.size(image));
            if (image.references().isEmpty()) {
                table.row("<none>", "<none>", image.shortId(), created, size);
            }
            for (ImageReference ref : image.references()) {
                table.row(ref.name(), ref.tag(), image.shortId(), created, size);
            }
        }
        System.out.print(table);
        return 0;
    }
}
