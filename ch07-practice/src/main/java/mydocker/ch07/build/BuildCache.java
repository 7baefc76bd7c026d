package mydocker.ch07.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageStore;

/**
 * The build cache, keyed as Docker's classic builder keys it: the image a
 * step starts from (its ID covers all its layers and settings) and the step
 * itself as its history shows it ({@link Step#createdBy}), where a COPY names
 * the digest of its files. A key leads to the image that step made last
 * time, under {@code MYDOCKER_ROOT/build-cache/<sha256 of the key>}; an image
 * removed since is a miss.
 */
final class BuildCache {
    private final Path dir;
    private final ImageStore store;

    BuildCache(Path dataRoot, ImageStore store) {
        this.dir = dataRoot.resolve("build-cache");
        this.store = store;
    }

    static String key(String parentId, String createdBy) {
        return ImageConfig.sha256((parentId + "\n" + createdBy).getBytes(StandardCharsets.UTF_8))
                .substring("sha256:".length());
    }

    /** The image the step made before, if it is still in the store. */
    Image find(String key) throws IOException {
        String id;
        try {
            id = Files.readString(dir.resolve(key)).strip();
        } catch (NoSuchFileException none) {
            return null;
        }
        if (!id.matches("sha256:[0-9a-f]{64}")) {
            return null; // a damaged entry: built again, and written right
        }
        try {
            return store.resolve(id);
        } catch (ImageStore.NoSuchImageException removed) {
            return null;
        }
    }

    void put(String key, String imageId) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(key), (imageId + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
