package mydocker.ch07;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch04.image.ArchiveManifest;
import mydocker.ch04.image.InputFile;
import mydocker.ch04.image.SavedArchive;
import mydocker.ch07.image.OciImages;
import mydocker.ch07.image.OciLayout;
import picocli.CommandLine.Command;

/**
 * {@code mydocker load -i FILE|DIR}: chapter 4's load, which reads a
 * docker-save archive, reading OCI image layouts too: an oci-archive (the
 * layout tarred: {@code podman save --format oci-archive}) or a layout
 * directory ({@code skopeo copy ... oci:DIR}), read by {@link OciImages}.
 * Docker 25+ archives hold both a docker-save {@code manifest.json} and an
 * OCI {@code index.json}: the manifest is read, as {@code docker load} does.
 * All or nothing, as in chapter 4: the images are registered only once every
 * blob and layer has been checked.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load images from a docker-save or OCI archive, or an OCI layout directory.")
public class LoadCommand extends mydocker.ch04.LoadCommand {
    @Override
    protected Input open(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            if (!OciLayout.isLayout(input)) {
                throw new IllegalArgumentException(input + " is a directory but not an OCI image layout (it has no "
                        + OciLayout.MARKER + " file)");
            }
            return scratch -> OciImages.plan(OciLayout.of(input, scratch), scratch);
        }
        InputFile file = InputFile.of(input, "docker-save or OCI archive");
        return scratch -> {
            SavedArchive archive = read(input, file, scratch);
            if (archive.has(ArchiveManifest.MEMBER)) {
                return plan(archive);
            }
            if (archive.has(OciLayout.INDEX) || archive.has(OciLayout.MARKER)) {
                return OciImages.plan(OciLayout.of(archive), scratch);
            }
            throw new IllegalArgumentException(input + " is neither a docker-save archive (it has no "
                    + ArchiveManifest.MEMBER + ") nor an OCI archive (no " + OciLayout.INDEX
                    + ") (nothing was loaded)");
        };
    }
}
