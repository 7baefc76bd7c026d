package mydocker.ch07.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's context: the directory named on the command line, the only
 * place COPY and ADD take files from. It is untrusted (a project checked out
 * from anywhere): a source is a path inside it — {@code ..} cannot leave it, a
 * leading {@code /} means its top, as Docker reads it — and a symbolic link
 * on the way, or as the source itself, must point inside it too; links inside
 * a copied directory are copied as links, never followed.
 */
final class BuildContext {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private final Path root;

    private BuildContext(Path root) {
        this.root = root;
    }

    static BuildContext of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("unable to prepare context: path \"" + dir + "\" not found"
                    + " (give the directory that holds the files to COPY, e.g. .)");
        }
        return new BuildContext(dir.toRealPath());
    }

    Path root() {
        return root;
    }

    /**
     * The files a COPY source names: one path, or the entries of a directory
     * that match a wildcard in its last part ({@code *.py}), as Docker's.
     */
    List<Path> sources(String given, String instruction) throws IOException {
        String relative = given.replaceFirst("^/+", "");
        Path lexical = root.resolve(relative).normalize();
        if (!lexical.startsWith(root)) {
            throw new IllegalArgumentException(
                    instruction + " failed: forbidden path outside the build context: " + given);
        }
        String last = lexical.equals(root) ? "" : lexical.getFileName().toString();
        if (last.matches(".*[*?\\[].*")) {
            Path dir = inside(lexical.getParent(), given, instruction);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
            List<Path> matches;
            try (Stream<Path> entries = Files.list(dir)) {
                matches = entries.filter(p -> matcher.matches(p.getFileName()))
                        .sorted()
                        .toList();
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException(instruction + " failed: no source files were specified by " + given);
            }
            List<Path> checked = new ArrayList<>();
            for (Path match : matches) {
                checked.add(inside(match, given, instruction));
            }
            return checked;
        }
        return List.of(inside(lexical, given, instruction));
    }

    /** {@code path} with every link on the way resolved, refused unless that stays in the context. */
    private Path inside(Path path, String given, String instruction) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(instruction + " failed: file not found in build context: " + given
                    + (Files.isSymbolicLink(path) ? " (a link to " + Files.readSymbolicLink(path) + ")" : ""));
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException(instruction + " failed: forbidden path outside the build context: "
                    + given + " (it leads to " + real + ")");
        }
        return real;
    }

    /**
     * What the build cache keys a COPY by (Docker: a digest of the files'
     * contents and metadata): each entry below {@code source}, in order, with
     * its name, type, mode, size and contents or link target. Times are left
     * out, so a touched but unchanged file still hits the cache, as Docker's.
     */
    static String digest(List<Path> sources) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path source : sources) {
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(source)) {
                entries = walk.sorted().toList();
            }
            for (Path entry : entries) {
                Map<String, Object> attrs = Files.readAttributes(entry, "unix:mode,size", NOFOLLOW);
                String name = source.relativize(entry).toString();
                sha.update(
                        (source.getFileName() + "/" + name + "\0" + attrs.get("mode") + "\0" + attrs.get("size") + "\0")
                                .getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(entry)) {
                    sha.update(Files.readSymbolicLink(entry).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(entry, NOFOLLOW)) {
                    try (InputStream in = Files.newInputStream(entry, NOFOLLOW)) {
                        byte[] buffer = new byte[65536];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
