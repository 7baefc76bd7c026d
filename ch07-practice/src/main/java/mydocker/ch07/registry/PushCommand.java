package mydocker.ch07.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Scratch;
import mydocker.ch07.image.Descriptor;
import mydocker.ch07.image.Digest;
import mydocker.ch07.image.Manifest;
import mydocker.ch07.image.MediaType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker push NAME[:TAG]}: an image of the store to the registry its
 * name names, as {@code docker push} sends it: each layer gzipped (Docker's
 * {@code tar.gzip} layer type), skipped when a {@code HEAD} says the registry
 * has it, else uploaded; the config as it is (its bytes are the image ID);
 * then a Docker v2 schema 2 manifest under the tag. The registry checks every
 * digest on its side; the manifest's digest is the image's repo digest there.
 */
@Command(name = "push", mixinStandardHelpOptions = true, description = "Upload an image to a registry.")
public class PushCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME[:TAG]")
    String name;

    @Override
    public Integer call() throws IOException {
        ImageReference ref = ImageReference.parse(name);
        if (ref.digest() != null) {
            throw new IllegalArgumentException("cannot push a digest reference: give NAME[:TAG]");
        }
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        Image image = store.resolve(ref.toString());
        Remote remote = Remote.of(ref);
        RegistryClient client =
                RegistryClient.of(remote, DockerConfigFile.locate().credentials(remote.credentialsKey()), "pull,push");
        System.out.println("The push refers to repository [" + remote.displayName() + "]");
        LayerLines lines = new LayerLines(System.out);
        String digest;
        byte[] manifest;
        try (Scratch scratch = store.scratch()) {
            List<Descriptor> layers = new ArrayList<>();
            for (String diffId : image.config().diffIds()) {
                layers.add(layer(store, scratch, client, lines, diffId));
            }
            byte[] config = image.config().bytes();
            Descriptor configBlob = Descriptor.of(MediaType.DOCKER_CONFIG, config);
            if (!client.hasBlob(configBlob.digest().value())) {
                Path file = scratch.newFile("config");
                Files.write(file, config);
                client.upload(configBlob.digest().value(), file, done -> {});
            }
            manifest = new Manifest(MediaType.DOCKER_MANIFEST, configBlob, layers, Map.of()).toJson();
            digest = client.putManifest(ref.tag(), MediaType.DOCKER_MANIFEST.value(), manifest);
        }
        RepoDigests.at(Storage.dataRoot()).record(ref.name(), digest, image.id());
        System.out.println(ref.tag() + ": digest: " + digest + " size: " + manifest.length);
        return 0;
    }

    /** One layer, gzipped into the scratch area; uploaded unless the registry has it. Lines name it by diff_id, as Docker's do. */
    private static Descriptor layer(
            ImageStore store, Scratch scratch, RegistryClient client, LayerLines lines, String diffId)
            throws IOException {
        lines.status(diffId, "Preparing");
        Path file = scratch.newFile("layer.tar.gz");
        MessageDigest sha256 = Digest.sha256();
        try (OutputStream out =
                new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha256), 1 << 16)) {
            store.writeLayerTar(diffId, out);
        }
        Descriptor blob =
                new Descriptor(MediaType.DOCKER_LAYER_GZIP, Digest.fromHash(sha256.digest()), Files.size(file));
        if (client.hasBlob(blob.digest().value())) {
            lines.status(diffId, "Layer already exists");
        } else {
            client.upload(blob.digest().value(), file, lines.transfer(diffId, "Pushing", blob.size()));
            lines.status(diffId, "Pushed");
        }
        Files.delete(file);
        return blob;
    }
}
