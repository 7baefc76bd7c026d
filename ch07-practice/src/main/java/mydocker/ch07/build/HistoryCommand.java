package mydocker.ch07.build;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.Human;
import mydocker.ch04.Table;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker history IMAGE}: Docker's table of how an image was made,
 * newest step first, from its config's {@code history} (import and build
 * write it; a loaded image shows its own). A step's IMAGE is the image it
 * made when that image is in the store (a build's intermediate images),
 * {@code <missing>} otherwise, as Docker shows.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show the history of an image.")
public final class HistoryCommand implements Callable<Integer> {
    private static final int CREATED_BY_WIDTH = 45;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only show image IDs.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image top = store.resolve(image);
        List<Image> all = store.list();
        FullImageConfig config = FullImageConfig.of(top.config());
        List<HistoryEntry> history = config.history();
        List<String[]> rows = new ArrayList<>();
        Instant now = Instant.now();
        // A base image made without history (chapter 4's busybox) has layers no entry tells of: they come first.
        int layer = Math.max(
                0,
                top.config().diffIds().size()
                        - (int) history.stream().filter(h -> !h.emptyLayer()).count());
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            long size = 0;
            if (!entry.emptyLayer() && layer < top.config().diffIds().size()) {
                size = Trees.size(store.layerDir(top.config().diffIds().get(layer++)));
            }
            String id = madeBy(
                    all, history.subList(0, i + 1), top.config().diffIds().subList(0, layer));
            rows.add(0, new String[] {
                id == null ? "<missing>" : noTrunc ? id : id.substring(7, 19),
                Human.ago(entry.created(), now),
                noTrunc ? entry.createdBy() : truncated(entry.createdBy()),
                Human.size(size),
                entry.comment()
            });
        }
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (String[] row : rows) {
            if (quiet) {
                System.out.println(row[0]);
            } else {
                table.row(row);
            }
        }
        if (!quiet) {
            System.out.print(table);
        }
        return 0;
    }

    /** The image in the store whose history is {@code steps}, made of {@code layers}. */
    private static String madeBy(List<Image> all, List<HistoryEntry> steps, List<String> layers) {
        for (Image candidate : all) {
            if (candidate.config().diffIds().equals(layers)
                    && FullImageConfig.of(candidate.config()).history().equals(steps)) {
                return candidate.id();
            }
        }
        return null;
    }

    /** As the docker CLI: cut to 45 characters, the last one an ellipsis. */
    private static String truncated(String text) {
        return text.length() <= CREATED_BY_WIDTH ? text : text.substring(0, CREATED_BY_WIDTH - 1) + "…";
    }
}
