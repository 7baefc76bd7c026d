package mydocker.ch07.build;

import java.util.List;
import java.util.Optional;
import mydocker.ch04.image.Image;

/**
 * Which image a build step made an image from. Docker's daemon records each
 * image's parent beside it; here the config says it: a step's image has its
 * parent's history and one entry more, and its parent's layers and at most
 * one more ({@link FullImageConfig#next}). What a build leaves behind, the
 * images of its steps, are the parents of the next step's: untagged, with a
 * child, which {@code images} hides and {@code rmi} takes along, as Docker's.
 */
public final class ImageParents {
    private ImageParents() {}

    /** The image of {@code all} that {@code child} was made from by one step, if it is still there. */
    static Optional<Image> parent(Image child, List<Image> all) {
        return all.stream().filter(p -> isParent(p, child)).findFirst();
    }

    /** Whether some image of {@code all} was made from {@code image} by one step. */
    static boolean hasChild(Image image, List<Image> all) {
        return all.stream().anyMatch(c -> isParent(image, c));
    }

    /** An untagged image with a child: a step's image, hidden as Docker hides its "intermediate images". */
    public static boolean intermediate(Image image, List<Image> all) {
        return image.references().isEmpty() && hasChild(image, all);
    }

    private static boolean isParent(Image parent, Image child) {
        if (parent.id().equals(child.id())) {
            return false;
        }
        List<HistoryEntry> up = FullImageConfig.of(parent.config()).history();
        List<HistoryEntry> down = FullImageConfig.of(child.config()).history();
        List<String> upLayers = parent.config().diffIds();
        List<String> downLayers = child.config().diffIds();
        return down.size() == up.size() + 1
                && down.subList(0, up.size()).equals(up)
                && downLayers.size() - upLayers.size() == (down.get(up.size()).emptyLayer() ? 0 : 1)
                && downLayers.subList(0, upLayers.size()).equals(upLayers);
    }
}
