package mydocker.ch07.image;

import java.util.Objects;
import java.util.Optional;

/**
 * A descriptor's {@code mediaType}: what the blob it points at is. Images move
 * in two families of types, the OCI image spec's and the Docker Registry's
 * "v2 schema 2" (which the OCI spec grew out of; a registry and
 * {@code docker save} of Docker 25+ still use both). An unknown type is kept as
 * it is (an index may list artifacts, such as signatures, next to images); the
 * predicates say which kind of blob a known one is.
 */
public record MediaType(String value) {
    public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
    public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
    public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
    public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");
    public static final MediaType OCI_LAYER_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
    public static final MediaType OCI_LAYER_ZSTD = new MediaType("application/vnd.oci.image.layer.v1.tar+zstd");
    public static final MediaType DOCKER_MANIFEST_LIST =
            new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
    public static final MediaType DOCKER_MANIFEST =
            new MediaType("application/vnd.docker.distribution.manifest.v2+json");
    public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
    public static final MediaType DOCKER_LAYER = new MediaType("application/vnd.docker.image.rootfs.diff.tar");
    public static final MediaType DOCKER_LAYER_GZIP =
            new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");

    /** How a layer blob is compressed; its diff_id is the sha256 of the tar after undoing this. */
    public enum Compression {
        NONE,
        GZIP,
        ZSTD
    }

    public MediaType {
        Objects.requireNonNull(value, "value");
    }

    /** A manifest list or an image index: a list of manifests, one per platform. */
    public boolean isIndex() {
        return equals(OCI_INDEX) || equals(DOCKER_MANIFEST_LIST);
    }

    /** One image's manifest: a config and its layers. */
    public boolean isManifest() {
        return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
    }

    /** An image config (the JSON whose sha256 is the image ID). */
    public boolean isConfig() {
        return equals(OCI_CONFIG) || equals(DOCKER_CONFIG);
    }

    /**
     * A layer whose blob is elsewhere ("foreign", "non-distributable": Windows
     * base layers, fetched from the URLs in the descriptor). Refused: its bytes
     * are not in the image, and fetching from URLs an image names is a request
     * to wherever the image's author points.
     */
    public boolean isForeignLayer() {
        return value.startsWith("application/vnd.docker.image.rootfs.foreign.diff.")
                || value.startsWith("application/vnd.oci.image.layer.nondistributable.");
    }

    /** The compression of a layer type this engine unpacks, or empty if it is not one. */
    public Optional<Compression> layerCompression() {
        if (equals(OCI_LAYER) || equals(DOCKER_LAYER)) {
            return Optional.of(Compression.NONE);
        }
        if (equals(OCI_LAYER_GZIP) || equals(DOCKER_LAYER_GZIP)) {
            return Optional.of(Compression.GZIP);
        }
        if (equals(OCI_LAYER_ZSTD)) {
            return Optional.of(Compression.ZSTD);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
