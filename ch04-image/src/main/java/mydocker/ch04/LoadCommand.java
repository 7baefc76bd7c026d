package mydocker.ch04;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ArchiveManifest;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.InputFile;
import mydocker.ch04.image.SavedArchive;
import mydocker.ch04.image.Scratch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mydocker load -i FILE}: images from a docker-save archive (made here
 * or by Docker or podman), all of them or none. First everything is checked
 * (each member the manifest names is a regular file of the archive, configs
 * parse, layer counts match, tags parse), then every layer is unpacked and
 * checked against the digest its config names, and only then are the images
 * registered and named, in one step. A failure anywhere leaves no image, and
 * the layers this load added go with its scratch area.
 */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load images from a docker-save tar archive.")
public class LoadCommand implements Callable<Integer> {
    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "FILE")
    Path input;

    /** One image of the archive, checked: its config and its layers' tars, bottom first. */
    public record Planned(ImageConfig config, List<Path> layers, List<ImageReference> tags) {}

    /** What {@code -i} names, checked before anything is made; it plans its images in a command's scratch area. */
    protected interface Input {
        List<Planned> plan(Scratch scratch) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        Root.require("load");
        Input source = open(input);
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        List<Planned> images;
        try (Scratch scratch = store.scratch()) {
            images = source.plan(scratch);
            for (Planned image : images) {
                unpack(store, scratch, image);
            }
            Map<ImageReference, String> names = new LinkedHashMap<>();
            images.forEach(image ->
                    image.tags().forEach(tag -> names.put(tag, image.config().id())));
            store.register(images.stream().map(Planned::config).toList(), names);
        } catch (IOException | RuntimeException e) {
            store.sweepAfter(e);
            throw e;
        }
        for (Planned image : images) {
            if (image.tags().isEmpty()) {
                System.out.println("Loaded image ID: " + image.config().id());
            }
            image.tags().forEach(tag -> System.out.println("Loaded image: " + tag));
        }
        return 0;
    }

    /** A docker-save archive; a later chapter reads other formats too. */
    protected Input open(Path input) throws IOException {
        InputFile file = InputFile.of(input, "docker-save archive");
        return scratch -> plan(read(input, file, scratch));
    }

    /** Every member of the archive, copied into the scratch area. */
    protected static SavedArchive read(Path input, InputFile file, Scratch scratch) throws IOException {
        try (InputStream in = new Progress(file.open(), "loading", file.size())) {
            return SavedArchive.read(in, scratch);
        } catch (IOException e) {
            throw new IOException(input + ": " + e.getMessage(), e);
        }
    }

    /** Every image of the manifest, checked before anything is unpacked. */
    protected static List<Planned> plan(SavedArchive archive) throws IOException {
        ArchiveManifest manifest = ArchiveManifest.parse(archive.json(ArchiveManifest.MEMBER, "manifest"));
        List<Planned> images = new ArrayList<>();
        for (ArchiveManifest.Entry entry : manifest.entries()) {
            ImageConfig config;
            try {
                config = ImageConfig.parse(archive.json(entry.config(), "config"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the archive's config '" + entry.config() + "' is " + e.getMessage() + " (nothing was loaded)",
                        e);
            }
            if (entry.layers().isEmpty()) {
                throw new IllegalArgumentException("image " + describe(entry) + " has no layers: there is nothing"
                        + " to make its root filesystem of (nothing was loaded)");
            }
            if (entry.layers().size() != config.diffIds().size()) {
                throw new IllegalArgumentException("the manifest lists "
                        + entry.layers().size() + " layers for image "
                        + describe(entry) + ", its config " + config.diffIds().size()
                        + ": not a docker-save archive (nothing was loaded)");
            }
            List<Path> layers = new ArrayList<>();
            for (String layer : entry.layers()) {
                layers.add(archive.member(layer, "layer"));
            }
            images.add(new Planned(config, layers, entry.repoTags()));
        }
        return images;
    }

    private static String describe(ArchiveManifest.Entry entry) {
        return entry.repoTags().isEmpty()
                ? "'" + entry.config() + "'"
                : entry.repoTags().get(0).toString();
    }

    /** Each layer into the store, checked against its config; one the store has already is not unpacked again. */
    private static void unpack(ImageStore store, Scratch scratch, Planned image) throws IOException {
        for (int i = 0; i < image.layers().size(); i++) {
            String expected = image.config().diffIds().get(i);
            if (store.hasLayer(expected, scratch)) {
                continue;
            }
            String got = store.unpackLayer(image.layers().get(i), scratch).diffId();
            if (!got.equals(expected)) {
                throw new IllegalArgumentException(
                        "layer " + (i + 1) + " of image " + image.config().id()
                                + " has digest " + got + " but the config says " + expected
                                + ": the archive is corrupt (nothing was loaded)");
            }
        }
    }
}
