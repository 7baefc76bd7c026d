package mydocker.ch04;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch04.image.ImageConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Docker-save archives for tests, member by member: well-formed ones, and ones whose members are links. */
final class SaveArchiveBuilder {
    private final ArrayNode manifest = new ObjectMapper().createArrayNode();
    private final TarArchiveOutputStream tar;

    SaveArchiveBuilder(Path archive) throws IOException {
        tar = new TarArchiveOutputStream(Files.newOutputStream(archive));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** One image: its config and layers as regular members named as Docker names them, listed in the manifest. */
    SaveArchiveBuilder image(String tag, List<byte[]> layers, List<String> cmd) {
        ImageConfig config = ImageConfig.create(
                cmd,
                List.of("PATH=/bin"),
                layers.stream().map(ImageConfig::sha256).toList());
        String configName = config.id().substring(7) + ".json";
        file(configName, config.bytes());
        List<String> names = layers.stream()
                .map(l -> ImageConfig.sha256(l).substring(7) + "/layer.tar")
                .toList();
        for (int i = 0; i < layers.size(); i++) {
            file(names.get(i), layers.get(i));
        }
        return entry(configName, tag, names);
    }

    /** A manifest entry as given, naming members added separately. */
    SaveArchiveBuilder entry(String config, String tag, List<String> layers) {
        var entry = manifest.addObject();
        entry.put("Config", config);
        entry.putArray("RepoTags").add(tag);
        layers.forEach(entry.putArray("Layers")::add);
        return this;
    }

    SaveArchiveBuilder file(String name, byte[] bytes) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(bytes.length);
        return put(e, bytes);
    }

    SaveArchiveBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(e, null);
    }

    SaveArchiveBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, null);
    }

    /** Finishes with the manifest built so far as {@code manifest.json}. */
    void withManifest() throws IOException {
        file("manifest.json", new ObjectMapper().writeValueAsBytes(manifest));
        close();
    }

    /** Finishes without writing a manifest (or with the one the test added itself). */
    void close() throws IOException {
        tar.close();
    }

    private SaveArchiveBuilder put(TarArchiveEntry entry, byte[] bytes) {
        try {
            tar.putArchiveEntry(entry);
            if (bytes != null) {
                tar.write(bytes);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
