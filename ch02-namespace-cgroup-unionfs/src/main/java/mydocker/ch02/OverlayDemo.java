package mydocker.ch02;

import static mydocker.syscall.CloneFlags.CLONE_NEWNS;
import static mydocker.syscall.MountFlags.MS_PRIVATE;
import static mydocker.syscall.MountFlags.MS_REC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mydocker.syscall.Spawn;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book 2.3, Union File System. The book mounts AUFS, which mainline kernels
 * never had and current distros dropped; overlayfs is the union filesystem
 * Docker uses today. Same idea, different words: lowerdir (read-only layers),
 * upperdir (where writes go), workdir (overlay's scratch space), merged (the
 * union). A write to a lower file copies it up; a delete leaves a whiteout
 * (a 0:0 character device) in upper; lower is never touched.
 */
@Command(name = "overlay", description = "2.3 Union File System: overlayfs copy-up and whiteouts (the book uses AUFS).")
final class OverlayDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Option(
            names = "--dir",
            description =
                    "Where to lay out lower/ upper/ work/ merged/ (default: a temporary directory, removed afterwards).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        boolean temporary = dir == null;
        Path root = temporary ? Files.createTempDirectory("overlay-demo-") : dir.toAbsolutePath();
        try {
            layOut(root);
            String options = "lowerdir=" + root.resolve("lower") + ",upperdir=" + root.resolve("upper") + ",workdir="
                    + root.resolve("work");
            say("Union filesystem (book 2.3, overlayfs for AUFS) in %s:", root);
            say("  lower/ holds a.txt and b.txt; merged/ = lower/ + upper/ (%s).", options);
            say("Try: echo changed > merged/a.txt; rm merged/b.txt; echo new > merged/c.txt; ls -l upper lower");
            int exit = waitInForeground(Spawn.of(shell.argv())
                    .unshare(CLONE_NEWNS)
                    .inNamespaces(() -> {
                        // The overlay exists only in this new mount namespace, so it cannot
                        // outlive the shell on the host, whatever happens to this JVM.
                        Syscall.mount("none", "/", null, MS_REC | MS_PRIVATE, null);
                        Syscall.mount("overlay", root.resolve("merged").toString(), "overlay", 0, options);
                        Syscall.chdir(root.toString());
                    })
                    .start());
            report(root);
            return exit;
        } finally {
            if (temporary) {
                removeTree(root);
            }
        }
    }

    private static void layOut(Path root) throws IOException {
        for (String d : List.of("lower", "upper", "work", "merged")) {
            Files.createDirectories(root.resolve(d));
        }
        for (Map.Entry<String, String> f :
                Map.of("a.txt", "a: from lower\n", "b.txt", "b: from lower\n").entrySet()) {
            if (!Files.exists(root.resolve("lower").resolve(f.getKey()))) {
                Files.writeString(root.resolve("lower").resolve(f.getKey()), f.getValue());
            }
        }
    }

    private static void report(Path root) throws IOException {
        say("After the shell, upper/ holds:");
        try (Stream<Path> upper = Files.list(root.resolve("upper"))) {
            upper.sorted()
                    .forEach(p -> say(
                            "  %-10s %s",
                            p.getFileName(),
                            Overlay.isWhiteout(p)
                                    ? "whiteout: deleted from the union, still in lower/"
                                    : Files.exists(root.resolve("lower").resolve(p.getFileName()))
                                            ? "copied up from lower/ and changed"
                                            : "new"));
        }
        try (Stream<Path> lower = Files.list(root.resolve("lower"))) {
            say(
                    "lower/ is untouched: %s",
                    lower.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static void removeTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
