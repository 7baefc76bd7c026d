package mydocker.ch04;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        Table table = new Table(row("REPOSITORY", "TAG", columnsAfterTag(), "IMAGE ID", "CREATED", "SIZE"));
        Instant now = Instant.now();
        List<Image> all = store.list();
        for (Image image : all) {
            if (!listed(image, all)) {
                continue;
            }
            String created = Human.ago(image.config().created(), now);
            String size = Human.size(store.size(image));
            if (image.references().isEmpty()) {
                table.row(row("<none>", "<none>", cellsAfterTag(image, null), image.shortId(), created, size));
            }
            for (ImageReference ref : image.references()) {
                table.row(row(ref.name(), ref.tag(), cellsAfterTag(image, ref), image.shortId(), created, size));
            }
        }
        System.out.print(table);
        return 0;
    }

    /** Whether {@code image} (one of {@code all}) has its rows; every image here, a later chapter hides some. */
    protected boolean listed(Image image, List<Image> all) throws IOException {
        return true;
    }

    /** Columns a later chapter shows after TAG, as Docker's {@code --digests} shows DIGEST there; none here. */
    protected List<String> columnsAfterTag() {
        return List.of();
    }

    /** The cells of {@link #columnsAfterTag} for {@code image} under {@code ref} (null: an image without a name). */
    protected List<String> cellsAfterTag(Image image, ImageReference ref) throws IOException {
        return List.of();
    }

    private static String[] row(String repository, String tag, List<String> middle, String... rest) {
        List<String> cells = new ArrayList<>(List.of(repository, tag));
        cells.addAll(middle);
        cells.addAll(List.of(rest));
        return cells.toArray(String[]::new);
    }
}
