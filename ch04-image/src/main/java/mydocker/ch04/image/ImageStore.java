package mydocker.ch04.image;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The image store, content-addressed as Docker's (book 4.4 keeps images as
 * tars; we keep them unpacked once and shared):
 * <pre>
 *   &lt;root&gt;/image/configs/&lt;hex&gt;.json   an image's config; hex = sha256 of the file = the image ID
 *   &lt;root&gt;/image/layers/&lt;hex&gt;/        a layer, unpacked; hex = sha256 of its tar (the diff ID)
 *   &lt;root&gt;/image/repositories.json   {"busybox:latest": "sha256:…"}
 * </pre>
 * Every container of an image uses its layer directories read-only, as
 * overlay lowerdirs. Files are replaced atomically; changes to the name
 * table happen under a lock, since two commands can race.
 */
public final class ImageStore {
    private final Path root;

    private ImageStore(Path root) {
        this.root = root;
    }

    public static ImageStore at(Path dataRoot) {
        return new ImageStore(dataRoot.resolve("image"));
    }

    /**
     * The image a reference names: {@code NAME[:TAG]}, or an image ID or a
     * unique prefix of one. The default image, busybox, is made on first use.
     */
    public Image resolve(String text) throws IOException {
        if (looksLikeId(text)) {
            return byId(text);
        }
        ImageReference ref = ImageReference.parse(text);
        String id = repositories().get(ref.toString());
        if (id == null && ref.equals(BusyboxImage.REFERENCE)) {
            id = locked(() -> {
                String made = repositories().get(ref.toString());
                if (made == null) {
                    made = register(BusyboxImage.build(this));
                    putName(ref, made);
                }
                return made;
            });
        }
        if (id == null) {
            throw new NoSuchImageException("Unable to find image '" + ref + "' locally"
                    + " (there is no registry: see `mydocker images`; busybox is built in)");
        }
        return load(id);
    }

    /** An image ID or a prefix of one (12 hex digits at least), rather than a name. */
    public static boolean looksLikeId(String text) {
        return text.matches("(sha256:)?[0-9a-f]{12,64}");
    }

    private Image byId(String text) throws IOException {
        String prefix = text.startsWith("sha256:") ? text : "sha256:" + text;
        List<String> matches = ids().stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new NoSuchImageException(matches.isEmpty() ? "No such image: " + text
                    : "image ID prefix " + text + " is ambiguous: give more digits");
        }
        return load(matches.get(0));
    }

    private Image load(String id) throws IOException {
        byte[] bytes = Files.readAllBytes(configFile(id));
        List<ImageReference> names = repositories().entrySet().stream().filter(e -> e.getValue().equals(id))
                .map(e -> ImageReference.parse(e.getKey())).toList();
        return new Image(id, ImageConfig.parse(bytes), names);
    }

    /** Every image, newest first. */
    public List<Image> list() throws IOException {
        List<Image> images = new ArrayList<>();
        for (String id : ids()) {
            images.add(load(id));
        }
        images.sort(Comparator.comparing((Image i) -> i.config().created()).reversed());
        return images;
    }

    /** Stores a config (its layers must be in the store already) and returns the image ID. */
    public String register(ImageConfig config) throws IOException {
        for (String diffId : config.diffIds()) {
            if (!Files.isDirectory(layerDir(diffId))) {
                throw new IllegalArgumentException("image config names layer " + diffId + ", which is not in the store");
            }
        }
        AtomicFile.write(configFile(config.id()), config.bytes());
        return config.id();
    }

    /** Points {@code ref} at image {@code id} (moving it from any other image). */
    public void tag(ImageReference ref, String id) throws IOException {
        locked(() -> {
            putName(ref, id);
            return null;
        });
    }

    /** Holding the lock. */
    private void putName(ImageReference ref, String id) throws IOException {
        Map<String, String> names = repositories();
        names.put(ref.toString(), id);
        writeRepositories(names);
    }

    private void writeRepositories(Map<String, String> names) throws IOException {
        AtomicFile.write(root.resolve("repositories.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(names));
    }

    /** Takes a name off its image; the image stays (by ID, or under its other names). */
    public void untag(ImageReference ref) throws IOException {
        locked(() -> {
            Map<String, String> names = repositories();
            names.remove(ref.toString());
            writeRepositories(names);
            return null;
        });
    }

    /** Removes an image: its names, its config, and the layers no other image uses. */
    public void remove(Image image) throws IOException {
        locked(() -> {
            Map<String, String> names = repositories();
            names.values().removeIf(image.id()::equals);
            writeRepositories(names);
            Files.deleteIfExists(configFile(image.id()));
            List<String> stillUsed = new ArrayList<>();
            for (String other : ids()) {
                stillUsed.addAll(ImageConfig.parse(Files.readAllBytes(configFile(other))).diffIds());
            }
            for (String diffId : image.config().diffIds()) {
                if (!stillUsed.contains(diffId)) {
                    Trees.delete(layerDir(diffId));
                    Files.deleteIfExists(originalTar(diffId));
                }
            }
            return null;
        });
    }

    /** Removes a layer this command added before it failed, unless an image uses it. */
    public void discardLayer(String diffId) throws IOException {
        for (String other : ids()) {
            if (ImageConfig.parse(Files.readAllBytes(configFile(other))).diffIds().contains(diffId)) {
                return;
            }
        }
        Trees.delete(layerDir(diffId));
        Files.deleteIfExists(originalTar(diffId));
    }

    /** Where layer {@code diffId} is unpacked. */
    public Path layerDir(String diffId) {
        return root.resolve("layers").resolve(hex(diffId));
    }

    /** A fresh directory in the store for building a layer; {@link #addLayer} files it under its digest. */
    public Path newLayerDir() throws IOException {
        Files.createDirectories(root.resolve("layers"));
        return Files.createTempDirectory(root.resolve("layers"), ".new-");
    }

    /** Files a built layer under the digest of its tar; a layer the store already has is kept, the copy dropped. */
    public String addLayer(Path built) throws IOException {
        String diffId = LayerTar.digest(built);
        fileLayer(built, diffId);
        return diffId;
    }

    /**
     * Unpacks a layer tar (untrusted: see {@link LayerUnpacker}) into the store,
     * by way of a copy on disk (the caller's stream may be a pipe).
     * The layer is filed under the digest of the tar as given, which is what
     * an image config from elsewhere names. Should our own tar of it differ
     * (another tar writer's headers), the original is kept beside it, so that
     * {@code save} hands out exactly the bytes the config's digest is of.
     */
    public LayerUnpacker.Result unpackLayer(InputStream tar) throws IOException {
        Path built = newLayerDir();
        Path copy = built.resolveSibling(built.getFileName() + ".tar");
        try {
            Files.copy(tar, copy);
            LayerUnpacker.Result result;
            try (InputStream in = Files.newInputStream(copy)) {
                result = LayerUnpacker.unpack(in, built);
            }
            if (!LayerTar.digest(built).equals(result.diffId())) {
                Files.createDirectories(root.resolve("layer-tars"));
                Files.move(copy, originalTar(result.diffId()), StandardCopyOption.REPLACE_EXISTING);
            }
            fileLayer(built, result.diffId());
            return result;
        } catch (IOException | RuntimeException e) {
            Trees.delete(built);
            throw e;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The tar a layer came in, kept only where our own tar of it would differ. */
    Path originalTar(String diffId) {
        return root.resolve("layer-tars").resolve(hex(diffId) + ".tar");
    }

    /** Writes layer {@code diffId} as a tar whose sha256 is {@code diffId}. */
    public void writeLayerTar(String diffId, OutputStream out) throws IOException {
        Path original = originalTar(diffId);
        if (Files.exists(original)) {
            Files.copy(original, out);
        } else {
            LayerTar.write(layerDir(diffId), out);
        }
    }

    private void fileLayer(Path built, String diffId) throws IOException {
        Path target = layerDir(diffId);
        if (Files.exists(target)) {
            Trees.delete(built);
        } else {
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Disk use of an image: the sum of its layers' file sizes, as docker images shows SIZE. */
    public long size(Image image) throws IOException {
        long total = 0;
        for (String diffId : image.config().diffIds()) {
            total += Trees.size(layerDir(diffId));
        }
        return total;
    }

    private Map<String, String> repositories() throws IOException {
        Path file = root.resolve("repositories.json");
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        return new TreeMap<>(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
    }

    private List<String> ids() throws IOException {
        Path configs = root.resolve("configs");
        if (!Files.isDirectory(configs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(configs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> "sha256:" + n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    private Path configFile(String id) {
        return root.resolve("configs").resolve(hex(id) + ".json");
    }

    private static String hex(String digest) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    private <T> T locked(Callable<T> action) throws IOException {
        Files.createDirectories(root);
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return action.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** The image a command named is not in the store. */
    public static final class NoSuchImageException extends RuntimeException {
        public NoSuchImageException(String message) {
            super(message);
        }
    }
}
