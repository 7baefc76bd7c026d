package mydocker.ch07.image;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;

/**
 * Images written as an OCI image layout, for {@code save --format oci}: each
 * blob at {@code blobs/sha256/<hex>} once, a manifest per image, and an
 * {@code index.json} with one entry per image, named by
 * {@code org.opencontainers.image.ref.name} and containerd's
 * {@code io.containerd.image.name}, both the fully qualified
 * {@code docker.io/library/busybox:latest} (podman reads a short name as
 * {@code localhost/...}; Docker 25+ reads containerd's annotation).
 *
 * <p>Layers are the store's original tars, uncompressed
 * ({@code application/vnd.oci.image.layer.v1.tar}), as {@code docker save}
 * writes them: a blob's digest is then the layer's diff_id, the bytes the
 * config already vouches for, and nothing is compressed only to be
 * decompressed by the reader. (A registry push compresses; an archive on disk
 * need not.)
 */
public final class OciArchive {
    private static final byte[] MARKER = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(UTF_8);

    /** Where the layout's files go: members of a tar. */
    public interface Members {
        void add(String name, byte[] bytes) throws IOException;

        /** Writes layer {@code diffId}'s tar as member {@code name}; returns its size. */
        long addLayer(String name, String diffId) throws IOException;
    }

    /** An image and the name it was asked for by (null when asked for by ID). */
    public record Named(Image image, ImageReference name) {}

    private final Members members;
    private final Set<Digest> written = new HashSet<>();
    /** The layers written so far and their sizes: a layer two images share is written once. */
    private final Map<Digest, Long> layerSizes = new HashMap<>();

    private OciArchive(Members members) {
        this.members = members;
    }

    public static void write(List<Named> images, Members members) throws IOException {
        new OciArchive(members).write(images);
    }

    private void write(List<Named> images) throws IOException {
        List<Descriptor> entries = new ArrayList<>();
        for (Named named : images) {
            Descriptor manifest = manifest(named.image());
            entries.add(named.name() == null ? manifest : manifest.withAnnotations(names(named.name())));
        }
        members.add(OciLayout.MARKER, MARKER);
        members.add(OciLayout.INDEX, new ImageIndex(entries).toJson());
    }

    private Descriptor manifest(Image image) throws IOException {
        List<Descriptor> layers = new ArrayList<>();
        for (String diffId : image.config().diffIds()) {
            Digest digest = Digest.parse(diffId);
            Long size = layerSizes.get(digest);
            if (size == null) {
                size = members.addLayer(blob(digest), diffId);
                layerSizes.put(digest, size);
            }
            layers.add(new Descriptor(MediaType.OCI_LAYER, digest, size));
        }
        Descriptor config = blob(MediaType.OCI_CONFIG, image.config().bytes());
        return blob(MediaType.OCI_MANIFEST, new Manifest(config, layers).toJson());
    }

    private Descriptor blob(MediaType type, byte[] bytes) throws IOException {
        Descriptor descriptor = Descriptor.of(type, bytes);
        if (written.add(descriptor.digest())) {
            members.add(blob(descriptor.digest()), bytes);
        }
        return descriptor;
    }

    private static String blob(Digest digest) {
        return "blobs/" + Digest.ALGORITHM + "/" + digest.hex();
    }

    private static Map<String, String> names(ImageReference name) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(Descriptor.REF_NAME, qualified(name));
        names.put(OciImages.CONTAINERD_NAME, qualified(name));
        return names;
    }

    /**
     * Docker's fully qualified form of a name the store keeps short:
     * {@code busybox} is {@code docker.io/library/busybox:latest}.
     */
    static String qualified(ImageReference ref) {
        return ref.domain() + "/" + ref.path() + ":" + ref.tag();
    }
}
