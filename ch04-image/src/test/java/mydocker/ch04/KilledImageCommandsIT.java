package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageConfig;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the CLI at several moments of import, load, commit and
 * save of a 64 MB layer: after each, {@code images} must leave no scratch
 * area, no layer that no image uses, no half-written file in the store or
 * beside save's output, and the images already there must still run.
 */
@Privileged
class KilledImageCommandsIT {
    private static final long[] KILL_AFTER_MS = {300, 700, 1200, 1800, 2600};

    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TempDir
    Path work;

    @Test
    void killedImageCommandsLeaveNothingTheNextCommandKeeps() throws Exception {
        String container = mydocker.ok("run", "busybox", "sh", "-c", "head -c 64000000 /dev/urandom > /big; hostname")
                .stdout()
                .strip();
        Path layerA = writeBigRootfs(work.resolve("a.tar"), 1);
        Path layerB = writeBigRootfs(work.resolve("b.tar"), 2);
        Path archive = work.resolve("b-archive.tar");
        mydocker.ok("import", layerB.toString(), "b:1");
        mydocker.ok("save", "-o", archive.toString(), "b:1");
        mydocker.ok("rmi", "b:1");
        mydocker.ok("import", layerA.toString(), "a:1");
        Path out = Files.createDirectory(work.resolve("out"));
        List<String[]> commands = List.of(
                new String[] {"import", layerB.toString(), "b:2"},
                new String[] {"load", "-i", archive.toString()},
                new String[] {"commit", container, "committed:1"},
                new String[] {"save", "-o", out.resolve("saved.tar").toString(), "a:1"});
        for (String[] command : commands) {
            for (long ms : KILL_AFTER_MS) {
                Process cli = mydocker.start(command);
                Thread.sleep(ms);
                cli.destroyForcibly(); // SIGKILL to its pid
                cli.waitFor();
                mydocker.ok("images");
                assertNothingLeft(out, String.join(" ", command) + " killed after " + ms + " ms");
            }
        }
        assertEquals("ok\n", mydocker.ok("run", "--rm", "busybox", "echo", "ok").stdout(), "the images still run");
        mydocker.ok("save", "-o", out.resolve("saved.tar").toString(), "a:1");
        assertEquals(List.of(out.resolve("saved.tar")), list(out), "save still works, and only its output is left");
    }

    private void assertNothingLeft(Path out, String what) throws IOException {
        Path image = mydocker.dataRoot().resolve("image");
        assertEquals(List.of(), list(image.resolve("tmp")), what + ": scratch areas left");
        Set<String> used = new HashSet<>();
        for (Path config : list(image.resolve("configs"))) {
            ImageConfig.parse(Files.readAllBytes(config)).diffIds().forEach(d -> used.add(d.substring(7)));
        }
        for (Path layer : list(image.resolve("layers"))) {
            assertTrue(used.contains(layer.getFileName().toString()), what + ": a layer no image uses: " + layer);
        }
        for (Path tar : list(image.resolve("layer-tars"))) {
            assertTrue(used.contains(tar.getFileName().toString().replace(".tar", "")), what + ": " + tar);
        }
        try (Stream<Path> all = Files.walk(mydocker.dataRoot())) {
            List<Path> temps = all.filter(p -> p.getFileName().toString().endsWith(".tmp")
                            || p.getFileName().toString().startsWith(".new-")
                            || p.getFileName().toString().startsWith(".load-")
                            || p.getFileName().toString().startsWith(".commit-"))
                    .toList();
            assertEquals(List.of(), temps, what + ": temporary files left in the store");
        }
        for (Path file : list(out)) {
            assertEquals("saved.tar", file.getFileName().toString(), what + ": a temporary file beside the output");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return new ArrayList<>(all.toList());
        }
    }

    /** A rootfs tar with 64 MB of random data: big enough that each command takes a few seconds. */
    private static Path writeBigRootfs(Path tar, long seed) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(seed);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (int i = 0; i < 64; i++) {
                random.nextBytes(chunk);
                TarArchiveEntry entry = new TarArchiveEntry("data/" + i);
                entry.setSize(chunk.length);
                out.putArchiveEntry(entry);
                out.write(chunk);
                out.closeArchiveEntry();
            }
        }
        return tar;
    }
}
