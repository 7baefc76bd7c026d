package mydocker.ch07.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch07.image.Descriptor;
import mydocker.ch07.image.Digest;
import mydocker.ch07.image.Manifest;
import mydocker.ch07.image.MediaType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image made in memory, as a registry holds it: the layer tar
 * gzipped (its blob), the config naming the tar's digest, the manifest naming
 * both. A test serves it as it is, or changes one part to make an attack.
 */
record TinyImage(byte[] layerBlob, String diffId, byte[] config, byte[] manifest) {
    static TinyImage of(String fileContent) {
        byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
        return withDiffId(gzip(tar), ImageConfig.sha256(tar));
    }

    /** The same layer blob under a config that names {@code diffId} as its tar's digest (a lie, if it is not). */
    static TinyImage withDiffId(byte[] layerBlob, String diffId) {
        byte[] config = ImageConfig.create(List.of("/bin/true"), List.of(), List.of(diffId))
                .bytes();
        byte[] manifest = new Manifest(
                        MediaType.DOCKER_MANIFEST,
                        Descriptor.of(MediaType.DOCKER_CONFIG, config),
                        List.of(Descriptor.of(MediaType.DOCKER_LAYER_GZIP, layerBlob)),
                        Map.of())
                .toJson();
        return new TinyImage(layerBlob, diffId, config, manifest);
    }

    String layerDigest() {
        return Digest.of(layerBlob).value();
    }

    String configDigest() {
        return Digest.of(config).value();
    }

    /** Serves it on {@code registry} as {@code repository:tag}. */
    void serveOn(FakeRegistry registry, String repository, String tag) {
        registry.serve("/v2/" + repository + "/manifests/" + tag, MediaType.DOCKER_MANIFEST.value(), manifest)
                .serve("/v2/" + repository + "/blobs/" + configDigest(), "application/octet-stream", config)
                .serve("/v2/" + repository + "/blobs/" + layerDigest(), "application/octet-stream", layerBlob);
    }

    static byte[] tar(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
