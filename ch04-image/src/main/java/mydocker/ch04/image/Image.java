package mydocker.ch04.image;

import java.util.List;

/** An image in the store: its ID, its config, and the names that point at it. */
public record Image(String id, ImageConfig config, List<ImageReference> references) {
    /** The 12 hex digits Docker shows. */
    public String shortId() {
        return id.substring("sha256:".length(), "sha256:".length() + 12);
    }
}
