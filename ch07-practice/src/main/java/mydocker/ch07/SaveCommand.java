package mydocker.ch07;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Scratch;
import mydocker.ch07.image.OciArchive;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker save [--format oci] -o FILE IMAGE...}: chapter 4's save,
 * which writes docker save's archive (still the default, as Docker's), or,
 * with {@code --format oci}, an oci-archive: the OCI image layout tarred
 * ({@link OciArchive}), as {@code podman save --format oci-archive} and
 * {@code skopeo copy ... oci-archive:FILE} write it, several images in one.
 */
@Command(
        name = "save",
        mixinStandardHelpOptions = true,
        description = "Write images to a docker-save tar archive, or with --format oci to an oci-archive.")
public class SaveCommand extends mydocker.ch04.SaveCommand {
    /** The two archive formats, parsed once from {@code --format}. */
    enum Format {
        DOCKER,
        OCI;

        static Format parse(String text) {
            return switch (text) {
                case "docker", "docker-archive" -> DOCKER;
                case "oci", "oci-archive" -> OCI;
                default ->
                    throw new IllegalArgumentException("invalid --format '" + text
                            + "': use docker (docker save's archive, the default) or oci (an oci-archive)");
            };
        }
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "docker",
            description = "docker (docker save's archive, the default) or oci (an OCI image layout, tarred).")
    String format;

    @Parameters(index = "1..*", paramLabel = "IMAGE", description = "More images (with --format oci).")
    List<String> more = new ArrayList<>();

    private Format parsed;

    @Override
    public Integer call() throws IOException {
        parsed = Format.parse(format);
        if (parsed == Format.DOCKER && !more.isEmpty()) {
            throw new IllegalArgumentException(
                    "the docker format holds one image here: save several with --format oci, or one by one");
        }
        return super.call();
    }

    @Override
    protected void addImage(
            TarArchiveOutputStream tar, ImageStore store, Image image, ImageStore.Match match, Scratch scratch)
            throws IOException {
        if (parsed == Format.DOCKER) {
            super.addImage(tar, store, image, match, scratch);
            return;
        }
        List<OciArchive.Named> images = new ArrayList<>(List.of(new OciArchive.Named(image, match.name())));
        for (String reference : more) {
            ImageStore.Match other = store.find(reference);
            images.add(new OciArchive.Named(other.image(), other.name()));
        }
        OciArchive.write(images, new OciArchive.Members() {
            @Override
            public void add(String name, byte[] bytes) throws IOException {
                SaveCommand.add(tar, name, bytes);
            }

            @Override
            public long addLayer(String name, String diffId) throws IOException {
                return SaveCommand.addLayer(tar, name, store, diffId, scratch);
            }
        });
    }
}
