package mydocker.ch07.build;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A COPY's (or ADD's) layer: the sources, taken from the context, laid out in
 * an empty directory as they will be in the container's root, owned by root
 * or {@code --chown}'s user. The layer is built apart from the image and goes
 * into the store through chapter 4's checked unpacker, so no path in it can
 * reach the host: the destination is a path below the layer's top, and a link
 * copied earlier in the step is never followed by a later write (which would
 * otherwise write through it, anywhere).
 */
final class CopiedFiles {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final Path layer;
    private final int uid;
    private final int gid;

    private CopiedFiles(Path layer, int uid, int gid) {
        this.layer = layer;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * Lays {@code sources} out in {@code layer} at {@code destination} (absolute,
     * already relative to WORKDIR), with Docker's rules: a directory's
     * contents go into the destination; a file goes to the destination, or
     * into it when it ends with {@code /}, which it must with several sources.
     */
    static void copy(List<Path> sources, String destination, int uid, int gid, Path layer, String instruction)
            throws IOException {
        boolean intoDirectory = destination.endsWith("/") || destination.endsWith("/.");
        if (sources.size() > 1 && !intoDirectory) {
            throw new IllegalArgumentException("When using " + instruction
                    + " with more than one source file, the destination must be a directory and end with a /");
        }
        CopiedFiles files = new CopiedFiles(layer, uid, gid);
        Path target = files.below(Path.of("/").resolve(destination).normalize());
        for (Path source : sources) {
            if (Files.isDirectory(source, NOFOLLOW)) {
                files.tree(source, target);
            } else {
                files.entry(
                        source,
                        intoDirectory ? target.resolve(source.getFileName().toString()) : target);
            }
        }
    }

    /** The layer's path for an absolute, normalised path of the container's root. */
    private Path below(Path absolute) {
        Path inLayer = layer;
        for (Path part : absolute) {
            inLayer = inLayer.resolve(part.toString());
        }
        return inLayer;
    }

    private void tree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path made = target.resolve(source.relativize(dir).toString());
                directories(made);
                Files.setPosixFilePermissions(made, Files.getPosixFilePermissions(dir, NOFOLLOW));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                entry(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** One file or link; anything else (a device, a pipe, a socket) is refused. */
    private void entry(Path source, Path target) throws IOException {
        directories(target.getParent());
        if (Files.isSymbolicLink(source)) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isRegularFile(source, NOFOLLOW)) {
            if (Files.isDirectory(target, NOFOLLOW)) {
                throw new IllegalArgumentException("cannot copy file " + source.getFileName() + " onto directory "
                        + layer.relativize(target) + " made earlier in this step");
            }
            Files.copy(
                    source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
        } else {
            throw new IllegalArgumentException("cannot copy " + source.getFileName()
                    + ": not a file, directory or link (a device, pipe or socket)");
        }
        own(target);
    }

    /**
     * Every directory from the layer's top to {@code dir}, made if missing
     * (0755, owned as the files): none may be a link copied earlier.
     */
    private void directories(Path dir) throws IOException {
        Path at = layer;
        for (Path part : layer.relativize(dir)) {
            at = at.resolve(part.toString());
            if (Files.isSymbolicLink(at)) {
                throw new IllegalArgumentException("the destination /" + layer.relativize(dir)
                        + " goes through /" + layer.relativize(at)
                        + ", a link copied earlier in this step: copy into a real directory");
            }
            if (!Files.exists(at, NOFOLLOW)) {
                Files.createDirectory(at);
                Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwxr-xr-x"));
                own(at);
            } else if (!Files.isDirectory(at, NOFOLLOW)) {
                throw new IllegalArgumentException("the destination /" + layer.relativize(dir) + " goes through /"
                        + layer.relativize(at) + ", a file copied earlier in this step");
            }
        }
    }

    private void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, NOFOLLOW);
        Files.setAttribute(path, "unix:gid", gid, NOFOLLOW);
    }
}
