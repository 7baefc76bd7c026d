package mydocker.ch04;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Json;
import mydocker.ch04.image.LayerUnpacker;
import mydocker.ch04.image.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mydocker load -i FILE}: images from a docker-save archive (made here
 * or by Docker or podman). Every layer is checked against the digest its
 * config names; if anything is missing or wrong, no image is registered and
 * the layers this load added are removed again.
 */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load images from a docker-save tar archive.")
public class LoadCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE")
    Path input;

    @Override
    public Integer call() throws IOException {
        Root.require("load");
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("open " + input + ": no such file");
        }
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Path unpacked = Files.createTempDirectory(Files.createDirectories(Storage.dataRoot()), ".load-");
        try {
            try (InputStream in = new Progress(Files.newInputStream(input), "loading", Files.size(input))) {
                LayerUnpacker.unpack(in, unpacked); // the archive itself is untrusted too
            }
            JsonNode manifest = Json.MAPPER.readTree(within(unpacked, "manifest.json", "the manifest").toFile());
            for (JsonNode image : manifest) {
                load(store, unpacked, image);
            }
        } finally {
            Trees.delete(unpacked);
        }
        return 0;
    }

    private static void load(ImageStore store, Path archive, JsonNode manifest) throws IOException {
        ImageConfig config = ImageConfig.parse(Files.readAllBytes(within(archive, manifest.path("Config").asText(), "config")));
        List<Path> layerTars = new ArrayList<>();
        for (JsonNode layer : manifest.path("Layers")) {
            layerTars.add(within(archive, layer.asText(), "layer"));
        }
        if (layerTars.size() != config.diffIds().size()) {
            throw new IllegalArgumentException("the manifest lists " + layerTars.size() + " layers, the config "
                    + config.diffIds().size() + ": not a docker-save archive");
        }
        List<String> added = new ArrayList<>();
        try {
            for (int i = 0; i < layerTars.size(); i++) {
                String expected = config.diffIds().get(i);
                boolean had = Files.isDirectory(store.layerDir(expected));
                String got;
                try (InputStream in = Files.newInputStream(layerTars.get(i))) {
                    got = store.unpackLayer(in).diffId();
                }
                if (!had) {
                    added.add(got);
                }
                if (!got.equals(expected)) {
                    throw new IllegalArgumentException("layer " + archive.relativize(layerTars.get(i))
                            + " has digest " + got + " but the config says " + expected + ": the archive is corrupt");
                }
            }
        } catch (IOException | RuntimeException e) {
            for (String diffId : added) {
                store.discardLayer(diffId);
            }
            throw e;
        }
        String id = store.register(config);
        if (manifest.path("RepoTags").isEmpty()) {
            System.out.println("Loaded image ID: " + id);
        }
        for (JsonNode tag : manifest.path("RepoTags")) {
            ImageReference ref = ImageReference.parse(tag.asText());
            store.tag(ref, id);
            System.out.println("Loaded image: " + ref);
        }
    }

    /** A file the manifest names, which must be inside the archive and present. */
    private static Path within(Path archive, String name, String what) {
        Path path = archive.resolve(name).normalize();
        if (name.isEmpty() || !path.startsWith(archive) || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the archive's manifest names " + what + " '" + name
                    + "', which is not in the archive (nothing was loaded)");
        }
        return path;
    }
}
