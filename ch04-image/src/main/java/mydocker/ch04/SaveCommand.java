package mydocker.ch04;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ArchiveManifest;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Scratch;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker save -o FILE IMAGE}: the docker save archive, which Docker
 * and podman load: {@code manifest.json} ({@code [{"Config", "RepoTags",
 * "Layers"}]}), the config as {@code <id>.json}, and each layer as
 * {@code <diff id>/layer.tar}.
 *
 * <p>The archive is written to a temporary file beside FILE and renamed over
 * it when whole, so FILE is never half an archive. That temporary file is
 * recorded in the command's scratch area before it is made: if save is
 * killed, the next image command's sweep removes it. (Linux's O_TMPFILE +
 * linkat would need no sweep, but Java cannot open one, and a name beside
 * FILE is what makes the rename atomic.)
 */
@Command(name = "save", mixinStandardHelpOptions = true, description = "Write an image to a docker-save tar archive.")
public class SaveCommand implements Callable<Integer> {
    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE")
    Path output;

    @Parameters(paramLabel = "IMAGE")
    String reference;

    @Override
    public Integer call() throws IOException {
        Path directory = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(
                    "cannot write " + output + ": directory " + directory + " does not exist");
        }
        if (Files.isDirectory(output)) {
            throw new IllegalArgumentException("cannot write " + output + ": it is a directory");
        }
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        ImageStore.Match match = store.find(reference);
        Image image = match.image();
        try (Scratch scratch = store.scratch()) {
            Path temp = scratch.outside(directory, output.getFileName().toString());
            try {
                write(store, image, match, scratch, temp);
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                throw new IOException("cannot write " + output + ": " + reason(e), e);
            }
        }
        return 0;
    }

    private void write(ImageStore store, Image image, ImageStore.Match match, Scratch scratch, Path archive)
            throws IOException {
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(Channels.newOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            addImage(tar, store, image, match, scratch);
            tar.finish();
            file.force(true);
        }
    }

    /** The archive's members: here docker save's; a later chapter writes other formats. */
    protected void addImage(
            TarArchiveOutputStream tar, ImageStore store, Image image, ImageStore.Match match, Scratch scratch)
            throws IOException {
        String config = hex(image.id()) + ".json";
        List<String> layers = new ArrayList<>();
        for (String diffId : image.config().diffIds()) {
            String name = hex(diffId) + "/layer.tar";
            layers.add(name);
            addLayer(tar, name, store, diffId, scratch);
        }
        add(tar, config, image.config().bytes());
        // The name asked for, as docker save does; none when the image was named by its ID or digest.
        ArchiveManifest manifest = new ArchiveManifest(List.of(
                new ArchiveManifest.Entry(config, match.name() == null ? List.of() : List.of(match.name()), layers)));
        add(tar, ArchiveManifest.MEMBER, manifest.toJson());
    }

    /**
     * Layer {@code diffId}'s tar as member {@code name}, by way of a file in
     * the scratch area (a member's size comes first); returns that size.
     */
    protected static long addLayer(
            TarArchiveOutputStream tar, String name, ImageStore store, String diffId, Scratch scratch)
            throws IOException {
        Path layerTar = scratch.newFile("layer.tar");
        try (OutputStream out = Files.newOutputStream(layerTar)) {
            store.writeLayerTar(diffId, out);
        }
        long size = Files.size(layerTar);
        add(tar, name, layerTar);
        Files.delete(layerTar);
        return size;
    }

    /** What the kernel said, without Java's exception names: "No space left on device", "Permission denied". */
    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    protected static void add(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    protected static void add(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
