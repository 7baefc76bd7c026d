package mydocker.ch07.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch04.image.ImageConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** An OCI image layout made by hand, file by file, for a test to spoil one thing of and load. */
final class LayoutBuilder {
    /** The layout's files by path; a test may change any before writing. */
    final Map<String, byte[]> files = new LinkedHashMap<>();

    LayoutBuilder() {
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(UTF_8));
    }

    /** A layer tar holding one file. */
    static byte[] layerTar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] compress(byte[] tar, MediaType.Compression compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case NONE -> bytes;
            case GZIP -> new GzipCompressorOutputStream(bytes);
            case ZSTD -> new ZstdOutputStream(bytes);
        }) {
            out.write(tar);
        }
        return bytes.toByteArray();
    }

    Descriptor blob(MediaType type, byte[] bytes) {
        Descriptor descriptor = Descriptor.of(type, bytes);
        files.put(path(descriptor), bytes);
        return descriptor;
    }

    static String path(Descriptor descriptor) {
        return "blobs/sha256/" + descriptor.digest().hex();
    }

    /** An image of {@code tars} (bottom first), each stored with {@code compression}: its manifest's descriptor. */
    Descriptor image(MediaType.Compression compression, byte[]... tars) throws IOException {
        MediaType layerType = switch (compression) {
            case NONE -> MediaType.OCI_LAYER;
            case GZIP -> MediaType.OCI_LAYER_GZIP;
            case ZSTD -> MediaType.OCI_LAYER_ZSTD;
        };
        List<Descriptor> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (byte[] tar : tars) {
            layers.add(blob(layerType, compress(tar, compression)));
            diffIds.add(Digest.of(tar).value());
        }
        ImageConfig config = ImageConfig.create(List.of("/hello"), List.of(), diffIds);
        Descriptor configBlob = blob(MediaType.OCI_CONFIG, config.bytes());
        return blob(MediaType.OCI_MANIFEST, new Manifest(configBlob, layers).toJson());
    }

    static Descriptor named(Descriptor descriptor, String refName) {
        return descriptor.withAnnotations(Map.of(Descriptor.REF_NAME, refName));
    }

    LayoutBuilder index(Descriptor... entries) {
        files.put("index.json", new ImageIndex(List.of(entries)).toJson());
        return this;
    }

    Path tar(Path file) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    Path dir(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        return dir;
    }
}
