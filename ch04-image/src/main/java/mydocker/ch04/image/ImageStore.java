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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The image store, content-addressed as Docker's (book 4.4 keeps images as
 * tars; we keep them unpacked once and shared):
 * <pre>
 *   &lt;root&gt;/image/configs/&lt;hex&gt;.json   an image's config; hex = sha256 of the file = the image ID
 *   &lt;root&gt;/image/layers/&lt;hex&gt;/        a layer, unpacked; hex = sha256 of its tar (the diff ID)
 *   &lt;root&gt;/image/repositories.json   {"busybox:latest": "sha256:…"}
 *   &lt;root&gt;/image/tmp/                commands' work in progress ({@link Scratch})
 * </pre>
 * Every container of an image uses its layer directories read-only, as
 * overlay lowerdirs. Files are replaced atomically; configs and names are
 * written under a lock, since two commands can race, and so is the
 * {@link #sweep} that removes what dead commands left.
 */
public final class ImageStore {
    private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
    private static final int ID_PREFIX_MIN = 12;
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{" + ID_PREFIX_MIN + ",63}");
    private final Path root;

    private ImageStore(Path root) {
        this.root = root;
    }

    public static ImageStore at(Path dataRoot) {
        return new ImageStore(dataRoot.resolve("image"));
    }

    /**
     * The image a reference names, as Docker looks one up: a full image ID
     * ({@code [sha256:]<64 hex>}) or {@code NAME@sha256:<64 hex>} by ID; then
     * {@code NAME[:TAG]} by name (the default image, busybox, is made on first
     * use); only then a unique prefix of an ID, so that a name such as
     * {@code 0123456789ab} wins over the ID it looks like.
     */
    public Image resolve(String text) throws IOException {
        return find(text).image();
    }

    /** The image, and the name it was found by (null when found by ID). */
    public record Match(Image image, ImageReference name) {}

    public Match find(String text) throws IOException {
        if (FULL_ID.matcher(text).matches() || text.startsWith("sha256:")) {
            return new Match(byIdPrefix(text, text), null);
        }
        ImageReference ref = ImageReference.parse(text);
        if (ref.digest() != null) {
            return new Match(byIdPrefix(ref.digest(), text), null);
        }
        String id = repositories().get(ref.toString());
        if (id == null && ref.equals(BusyboxImage.REFERENCE)) {
            id = locked(() -> {
                String made = repositories().get(ref.toString());
                if (made == null) {
                    try (Scratch scratch = scratch()) {
                        ImageConfig busybox = BusyboxImage.build(this, scratch);
                        registerLocked(List.of(busybox), Map.of(ref, busybox.id()));
                        made = busybox.id();
                    }
                }
                return made;
            });
        }
        if (id != null) {
            return new Match(load(id), ref);
        }
        if (ID_PREFIX.matcher(text).matches() && ids().stream().anyMatch(i -> i.startsWith("sha256:" + text))) {
            return new Match(byIdPrefix(text, text), null);
        }
        throw new NoSuchImageException("Unable to find image '" + ref + "' locally"
                + " (there is no registry: see `mydocker images`; busybox is built in)");
    }

    private Image byIdPrefix(String idOrPrefix, String asked) throws IOException {
        String prefix = idOrPrefix.startsWith("sha256:") ? idOrPrefix : "sha256:" + idOrPrefix;
        List<String> matches =
                ids().stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() != 1 || prefix.length() < "sha256:".length() + ID_PREFIX_MIN) {
            throw new NoSuchImageException(
                    matches.size() <= 1
                            ? "No such image: " + asked
                            : "image ID prefix " + asked + " is ambiguous: give more digits");
        }
        return load(matches.get(0));
    }

    private Image load(String id) throws IOException {
        byte[] bytes = Files.readAllBytes(configFile(id));
        List<ImageReference> names = new ArrayList<>();
        for (Map.Entry<String, String> name : repositories().entrySet()) {
            if (name.getValue().equals(id)) {
                try {
                    names.add(ImageReference.parse(name.getKey()));
                } catch (IllegalArgumentException unreadable) {
                    // a name an older version accepted (a 64-hex one): the image is still there by ID
                }
            }
        }
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

    /** Stores a config (its layers must be in the store already) under {@code name}; returns the image ID. */
    public String register(ImageConfig config, ImageReference name) throws IOException {
        locked(() -> registerLocked(List.of(config), Map.of(name, config.id())));
        return config.id();
    }

    /**
     * Stores several configs and points names at them, in one step under the
     * lock: the configs first (a config whose layers are missing is refused),
     * then the names. If that fails, the configs it wrote are removed again.
     */
    public void register(List<ImageConfig> configs, Map<ImageReference, String> names) throws IOException {
        locked(() -> registerLocked(configs, names));
    }

    /** Holding the lock. */
    private Void registerLocked(List<ImageConfig> configs, Map<ImageReference, String> names) throws IOException {
        for (ImageConfig config : configs) {
            for (String diffId : config.diffIds()) {
                if (!Files.isDirectory(layerDir(diffId))) {
                    throw new IllegalArgumentException(
                            "image config names layer " + diffId + ", which is not in the store");
                }
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            for (ImageConfig config : configs) {
                if (!Files.exists(configFile(config.id()))) {
                    AtomicFile.write(configFile(config.id()), config.bytes());
                    written.add(configFile(config.id()));
                }
            }
            Map<String, String> all = repositories();
            names.forEach((ref, id) -> all.put(ref.toString(), id));
            writeRepositories(all);
        } catch (IOException | RuntimeException e) {
            for (Path config : written) {
                Files.deleteIfExists(config);
            }
            throw e;
        }
        return null;
    }

    private void writeRepositories(Map<String, String> names) throws IOException {
        AtomicFile.write(
                root.resolve("repositories.json"),
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
            return sweepLocked();
        });
    }

    /**
     * Puts the store right after commands that died (book 4.4 has no store to
     * keep; Docker's daemon does this at start): dead commands' scratch areas,
     * the layers no image uses and no live command has claimed, the original
     * tars of such layers, and half-written state files. Every image command
     * that writes runs it first, and so do {@code images} and {@code rmi}.
     */
    public void sweep() throws IOException {
        if (Files.isDirectory(root) && Files.isWritable(root)) { // no store yet, or one this user cannot repair
            locked(this::sweepLocked);
        }
    }

    /** After a command failed: its scratch is closed, so what it filed is claimed by nobody now and goes. */
    public void sweepAfter(Exception failure) {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Holding the lock, so no command registers or claims a layer meanwhile. */
    private Void sweepLocked() throws IOException {
        Set<String> kept = new HashSet<>(Scratch.sweep(root.resolve("tmp")));
        for (String id : ids()) {
            kept.addAll(ImageConfig.parse(Files.readAllBytes(configFile(id))).diffIds());
        }
        for (Path layer : children(root.resolve("layers"))) {
            if (!kept.contains("sha256:" + layer.getFileName())) {
                Trees.delete(layer);
            }
        }
        for (Path tar : children(root.resolve("layer-tars"))) {
            if (!kept.contains("sha256:" + tar.getFileName().toString().replaceFirst("\\.tar$", ""))) {
                Files.deleteIfExists(tar);
            }
        }
        // Every state file is written under this lock: a temporary one's writer is dead.
        AtomicFile.removeTemporaries(root);
        AtomicFile.removeTemporaries(root.resolve("configs"));
        return null;
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }

    /** Where layer {@code diffId} is unpacked. */
    public Path layerDir(String diffId) {
        return root.resolve("layers").resolve(hex(diffId));
    }

    /** A scratch area for one command's work in progress ({@link Scratch}); close it when done. */
    public Scratch scratch() throws IOException {
        return Scratch.create(root.resolve("tmp"));
    }

    /** Files a layer built in {@code scratch} under the digest of its tar; a layer the store already has is kept. */
    public String addLayer(Path built, Scratch scratch) throws IOException {
        String diffId = LayerTar.digest(built);
        fileLayer(built, diffId, scratch);
        return diffId;
    }

    /** Whether the store has layer {@code diffId}, claimed for {@code scratch}'s command if so. */
    public boolean hasLayer(String diffId, Scratch scratch) throws IOException {
        scratch.claim(diffId);
        return Files.isDirectory(layerDir(diffId));
    }

    /** Like {@link #unpackLayer(Path, Scratch)}, by way of a copy in the scratch area (the stream may be a pipe). */
    public LayerUnpacker.Result unpackLayer(InputStream tar, Scratch scratch) throws IOException {
        Path copy = scratch.newFile("layer.tar");
        Files.copy(tar, copy);
        return unpackLayer(copy, scratch);
    }

    /**
     * Unpacks a layer tar (untrusted: see {@link LayerUnpacker}) in the
     * scratch area and files it in the store, claimed for the scratch's command.
     * The layer is filed under the digest of the tar as given, which is what
     * an image config from elsewhere names. Should our own tar of it differ
     * (another tar writer's headers), the original is kept beside it, so that
     * {@code save} hands out exactly the bytes the config's digest is of.
     */
    public LayerUnpacker.Result unpackLayer(Path tar, Scratch scratch) throws IOException {
        Path built = scratch.newDirectory("layer");
        LayerUnpacker.Result result;
        try (InputStream in = Files.newInputStream(tar)) {
            result = LayerUnpacker.unpack(in, built);
        }
        if (!LayerTar.digest(built).equals(result.diffId())) {
            scratch.claim(result.diffId());
            Path original = scratch.newFile("original.tar");
            Files.copy(tar, original);
            Files.createDirectories(root.resolve("layer-tars"));
            Files.move(
                    original,
                    originalTar(result.diffId()),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        fileLayer(built, result.diffId(), scratch);
        return result;
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

    /** Claimed before it appears in layers/, so that no sweep takes it before its image is registered. */
    private void fileLayer(Path built, String diffId, Scratch scratch) throws IOException {
        scratch.claim(diffId);
        Path target = layerDir(diffId);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
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
        Map<String, String> names = new TreeMap<>();
        Json.MAPPER
                .readValue(file.toFile(), new TypeReference<Map<String, String>>() {})
                .forEach((name, id) -> names.put(normalized(name), id));
        return names;
    }

    /** Names stored before they were kept in Docker's short form ({@code docker.io/library/x}) read as the short form. */
    private static String normalized(String name) {
        try {
            return ImageReference.parse(name).toString();
        } catch (IllegalArgumentException unreadable) {
            return name;
        }
    }

    private List<String> ids() throws IOException {
        Path configs = root.resolve("configs");
        if (!Files.isDirectory(configs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(configs)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> "sha256:" + n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
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
        try (FileChannel channel =
                        FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
