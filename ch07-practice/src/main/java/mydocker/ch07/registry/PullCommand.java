package mydocker.ch07.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Scratch;
import mydocker.ch07.image.Descriptor;
import mydocker.ch07.image.ImageIndex;
import mydocker.ch07.image.LayerBlob;
import mydocker.ch07.image.Manifest;
import mydocker.ch07.image.MediaType;
import mydocker.ch07.image.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker pull NAME[:TAG|@DIGEST]}: an image from a registry, as
 * {@code docker pull} fetches it. The manifest (an index is followed to this
 * machine's platform), then the config, then each layer the store lacks: its
 * blob checked against the manifest's digest and size as it streams into the
 * scratch area, uncompressed, and unpacked by chapter 4's {@link ImageStore}
 * (the untrusted-tar checks), whose digest must be the config's diff_id. Only
 * when all of it holds is the image registered under its name; a failure
 * leaves nothing, the layers it filed going with its scratch area.
 */
@Command(name = "pull", mixinStandardHelpOptions = true, description = "Download an image from a registry.")
public class PullCommand implements Callable<Integer> {
    /** An index inside an index inside an index: deeper is refused (no image needs it, a loop would never end). */
    private static final int INDEX_DEPTH_MAX = 2;

    /** Configs are small JSON; a registry's "config" of gigabytes is refused as it streams. */
    private static final long CONFIG_MAX = 8L << 20;

    static final List<String> ACCEPT = List.of(
            MediaType.OCI_INDEX.value(),
            MediaType.OCI_MANIFEST.value(),
            MediaType.DOCKER_MANIFEST_LIST.value(),
            MediaType.DOCKER_MANIFEST.value());

    @Parameters(paramLabel = "NAME[:TAG|@DIGEST]")
    String name;

    @Override
    public Integer call() throws IOException {
        Root.require("pull");
        ImageReference ref = ImageReference.parse(name);
        boolean tagGiven = ref.digest() != null
                || name.substring(name.lastIndexOf('/') + 1).contains(":");
        Remote remote = Remote.of(ref);
        RegistryClient client =
                RegistryClient.of(remote, DockerConfigFile.locate().credentials(remote.credentialsKey()), "pull");
        if (!tagGiven) {
            System.out.println("Using default tag: " + ref.tag());
        }
        String asked = ref.digest() != null ? ref.digest() : ref.tag();
        System.out.println(asked + ": Pulling from " + remote.repository());
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        String manifestDigest;
        boolean newer;
        ImageConfig config;
        try (Scratch scratch = store.scratch()) {
            RegistryClient.Fetched top = client.manifest(asked, ACCEPT);
            manifestDigest = top.digest();
            Manifest manifest = manifest(client, top, 0);
            config = config(client, manifest);
            newer = !hasImage(store, config.id());
            LayerLines lines = new LayerLines(System.out);
            for (int i = 0; i < manifest.layers().size(); i++) {
                layer(
                        store,
                        scratch,
                        client,
                        lines,
                        manifest.layers().get(i),
                        config.diffIds().get(i));
            }
            ImageReference tagged = ref.tagged();
            store.register(List.of(config), tagged == null ? Map.of() : Map.of(tagged, config.id()));
        } catch (IOException | RuntimeException e) {
            store.sweepAfter(e);
            throw e;
        }
        RepoDigests.at(Storage.dataRoot()).record(ref.name(), manifestDigest, config.id());
        String full = remote.displayName() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
        System.out.println("Digest: " + manifestDigest);
        System.out.println("Status: " + (newer ? "Downloaded newer image for " : "Image is up to date for ")
                + ref.name() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag()));
        System.out.println(full);
        return 0;
    }

    /** The image's manifest: the one fetched, or the host's entry of an index (which may itself be an index). */
    private static Manifest manifest(RegistryClient client, RegistryClient.Fetched fetched, int depth) {
        MediaType type = new MediaType(fetched.mediaType());
        boolean index = type.isIndex() || !type.isManifest() && looksLikeIndex(fetched.bytes());
        if (!index) {
            return Manifest.parse(fetched.bytes());
        }
        if (depth == INDEX_DEPTH_MAX) {
            throw new RegistryException(
                    "the registry's image index nests more than " + INDEX_DEPTH_MAX + " deep: refused");
        }
        ImageIndex list = ImageIndex.parse(fetched.bytes());
        Descriptor entry = list.select(Platform.HOST)
                .orElseThrow(() -> new RegistryException("no matching manifest for " + Platform.HOST
                        + " in the manifest list entries (it has " + String.join(", ", list.platforms()) + ")"));
        RegistryClient.Fetched next = client.manifest(entry.digest().value(), ACCEPT);
        if (next.bytes().length != entry.size()) {
            throw new RegistryException("manifest " + entry.digest() + " is " + next.bytes().length
                    + " bytes, its index says " + entry.size() + ": refused");
        }
        return manifest(client, next, depth + 1);
    }

    private static boolean looksLikeIndex(byte[] bytes) {
        try {
            ImageIndex.parse(bytes);
            return true;
        } catch (IllegalArgumentException notAnIndex) {
            return false;
        }
    }

    /** The config blob, checked, with as many diff_ids as the manifest has layers. */
    private static ImageConfig config(RegistryClient client, Manifest manifest) throws IOException {
        Descriptor descriptor = manifest.config();
        if (descriptor.size() > CONFIG_MAX) {
            throw new RegistryException("the image's config is " + descriptor.size() + " bytes, more than the "
                    + CONFIG_MAX + " accepted: refused");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        client.blob(descriptor.digest().value(), descriptor.size(), bytes, done -> {});
        ImageConfig config;
        try {
            config = ImageConfig.parse(bytes.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new RegistryException("the image's config is " + e.getMessage(), e);
        }
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new RegistryException(
                    "the manifest lists " + manifest.layers().size() + " layers, the config "
                            + config.diffIds().size() + ": refused");
        }
        if (manifest.layers().isEmpty()) {
            throw new RegistryException("the image has no layers: there is nothing to make its root filesystem of");
        }
        return config;
    }

    private static boolean hasImage(ImageStore store, String id) throws IOException {
        try {
            store.find(id);
            return true;
        } catch (ImageStore.NoSuchImageException absent) {
            return false;
        }
    }

    /** One layer: skipped if the store has it; else fetched, verified, uncompressed, unpacked and checked. */
    private static void layer(
            ImageStore store, Scratch scratch, RegistryClient client, LayerLines lines, Descriptor blob, String diffId)
            throws IOException {
        String digest = blob.digest().value();
        if (store.hasLayer(diffId, scratch)) {
            lines.status(digest, "Already exists");
            return;
        }
        lines.status(digest, "Pulling fs layer");
        Path file = scratch.newFile("blob");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.blob(digest, blob.size(), out, lines.transfer(digest, "Downloading", blob.size()));
        }
        lines.status(digest, "Verifying Checksum");
        lines.status(digest, "Download complete");
        MediaType.Compression compression = blob.mediaType().layerCompression().orElseThrow();
        Path tar = LayerBlob.tar(file, compression, "layer " + digest, scratch);
        String got = store.unpackLayer(tar, scratch).diffId();
        Files.deleteIfExists(tar);
        Files.deleteIfExists(file);
        if (!got.equals(diffId)) {
            throw new RegistryException("layer " + digest + " uncompressed has digest " + got
                    + " but the image's config says " + diffId + ": refused (nothing was pulled)");
        }
        lines.status(digest, "Pull complete");
    }
}
