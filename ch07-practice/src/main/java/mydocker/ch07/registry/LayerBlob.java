package mydocker.ch07.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import mydocker.ch07.image.MediaType;

/** A layer blob's tar: the blob as it is, or gunzipped, as its media type says. */
final class LayerBlob {
    private LayerBlob() {}

    static InputStream uncompressed(InputStream blob, MediaType type) throws IOException {
        MediaType.Compression compression = type.layerCompression()
                .orElseThrow(() -> new RegistryException("a layer of type " + type + " is not a tar: refused"));
        return switch (compression) {
            case NONE -> blob;
            case GZIP -> new GZIPInputStream(blob, 1 << 16);
            case ZSTD -> throw new RegistryException("zstd layers are not pulled yet: " + type);
        };
    }
}
