package mydocker.ch07.image;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import mydocker.ch04.image.Scratch;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A layer blob made a plain tar, the form the store unpacks and whose sha256
 * is the layer's diff_id (OCI image spec, "Layer", "DiffID": the digest of the
 * uncompressed tar). gzip comes from commons-compress; zstd from aircompressor,
 * a pure-Java decoder (well kept: Trino's), chosen over zstd-jni so that
 * untrusted bytes never reach native code in a process running as root, and
 * no shared library is unpacked into /tmp at run time.
 */
public final class LayerBlob {
    private LayerBlob() {}

    /** {@code blob} (checked against its descriptor already) as a tar: itself, or its decompression into scratch. */
    public static Path tar(Path blob, MediaType.Compression compression, String what, Scratch scratch)
            throws IOException {
        if (compression == MediaType.Compression.NONE) {
            return blob;
        }
        Path tar = scratch.newFile("layer.tar");
        try (InputStream in = Files.newInputStream(blob);
                OutputStream out = Files.newOutputStream(tar, StandardOpenOption.CREATE_NEW)) {
            InputStream plain = decompressing(in, compression, what);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = read(plain, buffer, compression, what)) > 0; ) {
                out.write(buffer, 0, n); // a failing write is the store's trouble, not the layer's: it is not caught
            }
        }
        return tar;
    }

    /**
     * A read of the decompressed stream; whatever the decoder throws is the
     * blob's fault (a decoder fed hostile bytes may throw anything unchecked).
     */
    private static int read(InputStream plain, byte[] buffer, MediaType.Compression compression, String what) {
        try {
            return plain.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw invalid(what, compression, e);
        }
    }

    private static InputStream decompressing(InputStream in, MediaType.Compression compression, String what) {
        try {
            return decompressing(in, compression);
        } catch (IOException | RuntimeException e) {
            throw invalid(what, compression, e);
        }
    }

    private static IllegalArgumentException invalid(String what, MediaType.Compression compression, Exception e) {
        return new IllegalArgumentException(
                what + " is not valid " + compression.name().toLowerCase() + " data: " + firstLine(e)
                        + " (nothing was loaded)",
                e);
    }

    private static InputStream decompressing(InputStream in, MediaType.Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> in;
            // Several gzip members one after another are one stream (as Go's gzip reader, which containerd uses).
            case GZIP ->
                GzipCompressorInputStream.builder()
                        .setInputStream(in)
                        .setDecompressConcatenated(true)
                        .get();
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }
}
