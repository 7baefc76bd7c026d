package mydocker.ch04;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker save -o FILE IMAGE}: the docker save archive, which Docker
 * and podman load: {@code manifest.json} ({@code [{"Config", "RepoTags",
 * "Layers"}]}), the config as {@code <id>.json}, and each layer as
 * {@code <diff id>/layer.tar}.
 */
@Command(name = "save", mixinStandardHelpOptions = true, description = "Write an image to a docker-save tar archive.")
public class SaveCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
    Path output;

    @Parameters(paramLabel = "IMAGE")
    String reference;

    @Override
    public Integer call() throws IOException {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image image = store.resolve(reference);
        ArrayNode manifest = Json.MAPPER.createArrayNode();
        ObjectNode entry = manifest.addObject();
        String configName = hex(image.id()) + ".json";
        entry.put("Config", configName);
        ArrayNode tags = entry.putArray("RepoTags");
        if (!ImageStore.looksLikeId(reference)) {
            tags.add(ImageReference.parse(reference).toString()); // the name asked for, as docker save does
        }
        ArrayNode layers = entry.putArray("Layers");
        Path temp = Files.createTempFile(output.toAbsolutePath().getParent(), ".save-", ".tar");
        try {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(temp))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (String diffId : image.config().diffIds()) {
                    String name = hex(diffId) + "/layer.tar";
                    layers.add(name);
                    Path layerTar = Files.createTempFile(".layer-", ".tar");
                    try {
                        try (OutputStream out = Files.newOutputStream(layerTar)) {
                            store.writeLayerTar(diffId, out);
                        }
                        add(tar, name, layerTar);
                    } finally {
                        Files.delete(layerTar);
                    }
                }
                add(tar, configName, image.config().bytes());
                add(tar, "manifest.json", Json.MAPPER.writeValueAsBytes(manifest));
            }
            // Atomic: a reader never sees half an archive under the name asked for.
            Files.move(temp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return 0;
    }

    private static void add(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
