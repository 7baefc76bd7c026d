package mydocker.ch07.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import mydocker.ch04.LoadCommand.Planned;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.Scratch;

/**
 * The images of an OCI layout, planned for {@code load}: each entry of
 * {@code index.json} followed to one image manifest (through nested indexes,
 * picking this machine's platform, as {@code docker pull} picks from a
 * multi-platform image), then its config and its layers, each blob checked
 * against its descriptor before it is used and each layer made a plain tar.
 * The store then unpacks the tars and checks each against the config's
 * diff_id (chapter 4's load), so every byte loaded is one the manifest's
 * digests vouch for. Entries for other platforms, and entries that are not
 * images (signatures, attestations), are passed over.
 */
public final class OciImages {
    /**
     * How deep indexes may nest. A loop is impossible once digests are
     * checked (a blob cannot hold its own digest), but a chain can be long;
     * real images nest one deep (a layout's entry for a multi-platform image).
     */
    static final int MAX_NESTING = 4;
    /** The annotation containerd and Docker 25+ write with the full name, when ref.name is only the tag. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    /** A ref.name that is only a tag ("latest", "v1.0"): it names no image. */
    private static final Pattern TAG_ONLY = Pattern.compile("[\\w][\\w.-]{0,127}");

    private final OciLayout layout;
    private final Scratch scratch;

    private OciImages(OciLayout layout, Scratch scratch) {
        this.layout = layout;
        this.scratch = scratch;
    }

    public static List<Planned> plan(OciLayout layout, Scratch scratch) throws IOException {
        return new OciImages(layout, scratch).plan();
    }

    private List<Planned> plan() throws IOException {
        ImageIndex index = layout.index();
        List<Descriptor> entries = index.manifests().stream()
                .filter(d -> d.mediaType().isManifest() || d.mediaType().isIndex())
                .toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(OciLayout.INDEX + " lists no image (nothing was loaded)");
        }
        List<Descriptor> forHost = entries.stream()
                .filter(d -> d.platform() == null || Platform.HOST.runs(d.platform()))
                .toList();
        if (forHost.isEmpty()) {
            throw new IllegalArgumentException(OciLayout.INDEX + " has no image for " + Platform.HOST + ", only for "
                    + String.join(", ", index.platforms()) + " (nothing was loaded)");
        }
        // One plan per image; entries naming the same manifest (two tags of it) add their names to it.
        Map<Digest, Planned> images = new LinkedHashMap<>();
        for (int i = 0; i < forHost.size(); i++) {
            Descriptor entry = forHost.get(i);
            Optional<ImageReference> name = name(entry, i);
            String what = name.map(ImageReference::toString).orElse("image " + (i + 1) + " of " + OciLayout.INDEX);
            Descriptor manifest = manifestFor(entry, what, 0);
            Planned image = images.get(manifest.digest());
            if (image == null) {
                image = planImage(manifest, what);
            }
            List<ImageReference> tags = new ArrayList<>(image.tags());
            name.filter(n -> !tags.contains(n)).ifPresent(tags::add);
            images.put(manifest.digest(), new Planned(image.config(), image.layers(), List.copyOf(tags)));
        }
        return List.copyOf(images.values());
    }

    /**
     * The name an entry gives its image: {@code org.opencontainers.image.ref.name}
     * when it is a full {@code NAME[:TAG]} (podman's
     * {@code docker.io/library/app:latest}), else containerd's full name (Docker
     * 25+ writes the tag alone as ref.name, the name there); a ref.name that is
     * only a tag (skopeo's {@code oci:DIR:latest}) and nothing else names no image.
     */
    private static Optional<ImageReference> name(Descriptor entry, int i) {
        String refName = entry.refName().orElse(null);
        String text = refName != null && !TAG_ONLY.matcher(refName).matches()
                ? refName
                : entry.annotations().get(CONTAINERD_NAME);
        if (text == null) {
            return Optional.empty();
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OciLayout.INDEX + ": manifests[" + i + "] is named \"" + text + "\": "
                    + e.getMessage() + " (nothing was loaded)");
        }
        if (ref.digest() != null) {
            throw new IllegalArgumentException(OciLayout.INDEX + ": manifests[" + i + "] is named \"" + text
                    + "\", not NAME:TAG (nothing was loaded)");
        }
        return Optional.of(ref);
    }

    /** The image manifest an entry leads to: itself, or the host's through nested indexes. */
    private Descriptor manifestFor(Descriptor entry, String what, int depth) throws IOException {
        if (entry.mediaType().isManifest()) {
            return entry;
        }
        if (depth == MAX_NESTING) {
            throw new IllegalArgumentException(what + ": image indexes nest more than " + MAX_NESTING
                    + " deep; no image does that (nothing was loaded)");
        }
        ImageIndex index;
        try {
            index = ImageIndex.parse(layout.json(entry, "index of " + what, Manifest.MAX_BYTES));
        } catch (IllegalArgumentException e) {
            throw reworded(what, e);
        }
        Descriptor chosen = index.select(Platform.HOST)
                .orElseThrow(() -> new IllegalArgumentException(what + " has no image for " + Platform.HOST
                        + ", only for " + String.join(", ", index.platforms()) + " (nothing was loaded)"));
        return manifestFor(chosen, what, depth + 1);
    }

    private Planned planImage(Descriptor descriptor, String what) throws IOException {
        Manifest manifest;
        ImageConfig config;
        try {
            manifest = Manifest.parse(layout.json(descriptor, "manifest of " + what, Manifest.MAX_BYTES));
            config = ImageConfig.parse(layout.json(manifest.config(), "config of " + what, OciLayout.CONFIG_MAX));
        } catch (IllegalArgumentException e) {
            throw reworded(what, e);
        }
        if (manifest.layers().isEmpty()) {
            throw new IllegalArgumentException(
                    what + " has no layers: there is nothing to make its root" + " filesystem of (nothing was loaded)");
        }
        if (manifest.layers().size() != config.diffIds().size()) {
            throw new IllegalArgumentException(
                    "the manifest of " + what + " lists " + manifest.layers().size() + " layers, its config "
                            + config.diffIds().size() + " (nothing was loaded)");
        }
        List<Path> tars = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            String layerWhat = "layer " + (i + 1) + " of " + what;
            Path blob = layout.blob(layer, layerWhat, Long.MAX_VALUE);
            tars.add(LayerBlob.tar(blob, layer.mediaType().layerCompression().orElseThrow(), layerWhat, scratch));
        }
        return new Planned(config, List.copyOf(tars), List.of());
    }

    /** A document's own complaint ("not an image manifest: ..."), said of the image it belongs to. */
    private static IllegalArgumentException reworded(String what, IllegalArgumentException e) {
        String message = e.getMessage();
        return new IllegalArgumentException(
                message.endsWith("(nothing was loaded)") ? message : what + ": " + message + " (nothing was loaded)",
                e);
    }
}
