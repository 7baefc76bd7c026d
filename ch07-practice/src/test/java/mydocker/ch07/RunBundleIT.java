package mydocker.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mydocker.ch04.image.Trees;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.MountSpec;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 7's run for real: through a bundle the runtime's own reader reads, set up as the runtime sets one up. */
@Privileged
class RunBundleIT {
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left"); // and no mount: Mydocker checks
    }

    @Test
    void runWritesTheBundleItStartsFrom(@TempDir Path work) throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        Files.writeString(volume.resolve("note"), "from the volume\n");
        String id = mydocker.ok("run", "-d", "-m", "64m", "-v", volume + ":/data:ro", "busybox", "sleep", "300")
                .stdout()
                .strip();
        try {
            Path dir;
            try (var dirs = Files.list(mydocker.dataRoot().resolve("containers"))) {
                dir = dirs.filter(d -> d.getFileName().toString().startsWith(id))
                        .findFirst()
                        .orElseThrow();
            }
            String fullId = dir.getFileName().toString();
            Bundle bundle = Bundle.read(dir.resolve("bundle"), fullId);
            assertEquals(List.of("sleep", "300"), bundle.process().argv());
            assertEquals(fullId, bundle.cgroupName());
            assertEquals(Optional.of(64L << 20), bundle.resources().memoryBytes());
            assertEquals(dir.resolve("merged"), bundle.rootfs());
            MountSpec data = bundle.mounts().stream()
                    .filter(m -> m.destination().equals("/data"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(volume.toString(), data.source());

            assertEquals(
                    "from the volume\n",
                    mydocker.ok("exec", id, "cat", "/data/note").stdout());
            Result write = mydocker.run("exec", id, "sh", "-c", "echo x > /data/new");
            assertTrue(write.stderr().contains("Read-only file system"), write::toString);
            assertEquals(
                    "67108864\n",
                    mydocker.ok("exec", id, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
                            .stdout(),
                    "the container sees its own group at the cgroup mount the bundle asks for");
        } finally {
            mydocker.ok("rm", "-f", id);
        }
    }

    @Test
    void aSymlinkInTheImageNeverLeadsAMountIntoProcOrDev(@TempDir Path work) throws Exception {
        Path volume = Files.createDirectories(work.resolve("volume"));
        for (String target : List.of("/proc", "/dev/shm", "/sys/kernel")) {
            Path rootfs = Files.createDirectories(work.resolve("rootfs"));
            Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
            Files.createSymbolicLink(rootfs.resolve("data"), Path.of(target));
            Path tar = work.resolve("rootfs.tar");
            ProcessBuilder pack = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".");
            assertEquals(0, pack.inheritIO().start().waitFor());
            mydocker.ok("import", tar.toString(), "led:1");
            try {
                Result r = mydocker.run("run", "--rm", "-v", volume + ":/data", "led:1", "/bin/busybox", "true");
                assertEquals(125, r.exitCode(), r::toString);
                assertTrue(
                        r.stderr()
                                .contains("mount /data leads to " + target
                                        + " in the root filesystem: a mount may not be led into /proc, /sys or /dev"),
                        r::toString);
                assertFalse(Files.exists(volume.resolve("null")), "no device node was made in the volume");
            } finally {
                mydocker.ok("rmi", "led:1");
                Trees.delete(rootfs);
                Files.delete(tar);
            }
        }
    }
}
