package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.LayerTar;
import mydocker.ch04.image.TarBuilder;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Book chapter 4 for real: containers from the busybox image, observed from the host. */
@Privileged
class ImageRunIT {
    /** One store for the class: busybox is built once. */
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left"); // and no mount: Mydocker checks
    }

    @Test
    void theRootIsTheImagesNotTheHosts() {
        assertEquals(
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                mydocker.ok("run", "--rm", "busybox", "cat", "/etc/passwd").stdout());
    }

    @Test
    void hostnameFileIsTheContainersAndTheDoneWhenCommandWorks() {
        Result r = mydocker.ok("run", "--rm", "--hostname", "box", "busybox", "sh", "-c", "cat /etc/hostname; ls /");
        assertTrue(r.stdout().startsWith("box\n"), r::toString);
        assertTrue(r.stdout().contains("\nbin\n") && r.stdout().contains("\nproc\n"), r::toString);
    }

    @Test
    void aWriteStaysInItsContainersUpperLayer() throws Exception {
        Path layer = layerOfBusybox();
        String before = LayerTar.digest(layer);
        Result first = mydocker.ok("run", "busybox", "sh", "-c", "echo mine > /root/note; echo $HOSTNAME");
        String shortId = first.stdout().strip();
        Path container = containerDir(shortId);
        assertEquals("mine\n", Files.readString(container.resolve("upper/root/note")), "copied up into upper/");
        assertFalse(Files.exists(container.resolve("upper/etc/hostname")), "/etc/hostname is bound, not written");

        assertEquals(
                "", mydocker.ok("run", "--rm", "busybox", "ls", "/root").stdout(), "the next container starts clean");
        assertEquals(before, LayerTar.digest(layer), "the image's layer never changes");
    }

    @Test
    void aSymlinkInTheImageNeverLeadsAVolumeOutOfTheContainer(@TempDir Path work) throws Exception {
        Path hostDir = Files.createDirectories(work.resolve("host-dir")); // what a hostile image points at
        Path volume = Files.createDirectories(work.resolve("volume"));
        Files.writeString(volume.resolve("note"), "from the volume\n");
        Path rootfs = work.resolve("rootfs.tar");
        Files.write(
                rootfs, TarBuilder.busybox().symlink("data", hostDir.toString()).build());
        mydocker.ok("import", rootfs.toString(), "links:1");
        try {
            Result r = mydocker.ok(
                    "run", "--rm", "-v", volume + ":/data/sub", "links:1", "/bin/busybox", "cat", "/data/sub/note");
            assertEquals("from the volume\n", r.stdout(), "the volume is where the container's own /data leads");
            assertFalse(
                    Files.exists(hostDir.resolve("sub")), "init made a directory on the host through the image's link");
        } finally {
            mydocker.ok("rmi", "links:1");
        }
    }

    /**
     * A root without /etc/hosts or /etc/hostname (mmdebstrap's Debian has no
     * /etc/hosts): the container still gets its own, bound over the init
     * layer's empty files, and its upper layer (what a commit takes) stays
     * without them.
     */
    @Test
    void anImageWithoutTheEtcFilesStillGetsTheContainersOwn(@TempDir Path work) throws Exception {
        Path rootfs = work.resolve("rootfs.tar");
        Files.write(rootfs, TarBuilder.busybox().build());
        mydocker.ok("import", rootfs.toString(), "bare:1"); // stays, with its container: chapter 4 has no rm
        Result r =
                mydocker.ok("run", "bare:1", "/bin/busybox", "sh", "-c", "/bin/busybox cat /etc/hostname /etc/hosts");
        String id = r.stdout().lines().findFirst().orElseThrow();
        assertTrue(r.stdout().contains("127.0.0.1\tlocalhost\n"), r::toString);
        assertTrue(r.stdout().contains("\t" + id + "\n"), "its own name in its /etc/hosts: " + r);
        assertFalse(Files.exists(containerDir(id).resolve("upper/etc")), "nothing of /etc in what a commit takes");
    }

    @Test
    void anImageWhoseProcIsASymlinkIsRefused(@TempDir Path work) throws Exception {
        Path rootfs = work.resolve("rootfs.tar");
        Files.write(rootfs, TarBuilder.busybox().symlink("proc", "/bin").build());
        mydocker.ok("import", rootfs.toString(), "procl:1");
        try {
            Result r = mydocker.run("run", "--rm", "procl:1", "/bin/busybox", "true");
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(
                    "mydocker: init: the image's /proc is a symlink (to /bin): /proc must be a directory\n",
                    r.stderr());
        } finally {
            mydocker.ok("rmi", "procl:1");
        }
    }

    @Test
    void aVolumeOverTheKernelsDirectoriesOrTwiceOnOnePathIsRefused() {
        Result proc = mydocker.run("run", "--rm", "-v", "/tmp:/proc/x", "busybox", "true");
        assertEquals(
                "mydocker: invalid volume specification '/tmp:/proc/x': /proc/x is the kernel's"
                        + " (/proc, /sys and /dev are the container's own): choose another container path\n",
                proc.stderr());
        Result twice = mydocker.run("run", "--rm", "-v", "/tmp:/data", "-v", "/var/tmp:/data", "busybox", "true");
        assertEquals(
                "mydocker: duplicate mount point: /data is given in two -v: give each container path once\n",
                twice.stderr());
        assertEquals(125, twice.exitCode());
    }

    @Test
    void rmRemovesTheContainersDirectory() throws Exception {
        String shortId =
                mydocker.ok("run", "--rm", "busybox", "hostname").stdout().strip();
        try (Stream<Path> dirs = Files.list(mydocker.dataRoot().resolve("containers"))) {
            assertTrue(dirs.noneMatch(d -> d.getFileName().toString().startsWith(shortId)));
        }
    }

    @Test
    void devHoldsTheSmallSet() {
        assertEquals(
                List.of(
                        "fd", "full", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty",
                        "urandom", "zero"),
                mydocker.ok("run", "--rm", "busybox", "ls", "/dev")
                        .stdout()
                        .lines()
                        .toList());
        assertEquals(
                "4\nok\n",
                mydocker.ok(
                                "run",
                                "--rm",
                                "busybox",
                                "sh",
                                "-c",
                                "head -c 4 /dev/zero | wc -c; echo x > /dev/null && echo ok")
                        .stdout()
                        .replace(" ", ""));
    }

    @Test
    void sysIsReadOnlyAndShowsOnlyTheContainersNetwork() {
        Result r =
                mydocker.run("run", "--rm", "busybox", "sh", "-c", "ls /sys/class/net; echo 1 > /sys/kernel/profiling");
        assertEquals("lo\n", r.stdout(), r::toString);
        assertTrue(r.stderr().contains("Read-only file system"), r::toString);
    }

    /**
     * After pivot_root and the detach, nothing of the host is mounted in the
     * container: its mount table is the image's root and the container's own
     * mounts, and a file the host has is nowhere to be found.
     */
    @Test
    void noHostPathIsReachableAfterPivotRoot() throws Exception {
        String marker = "mydocker-marker-" + UUID.randomUUID();
        Path hostFile = Files.writeString(Path.of("/tmp", marker), "host");
        try {
            Result r = mydocker.ok(
                    "run",
                    "--rm",
                    "busybox",
                    "sh",
                    "-c",
                    "find / -xdev -name '" + marker + "' 2>/dev/null; find /tmp /root /var -name '" + marker + "'; "
                            + "cut -d' ' -f5 /proc/self/mountinfo; readlink /proc/1/root");
            List<String> lines = r.stdout().lines().toList();
            assertFalse(r.stdout().contains(marker), "the host's file is reachable:\n" + r);
            assertEquals(
                    List.of("/", "/etc/hostname", "/etc/hosts", "/dev", "/dev/pts", "/dev/shm", "/proc", "/sys", "/"),
                    lines,
                    "only the container's mounts, and / is its own root");
        } finally {
            Files.delete(hostFile);
        }
    }

    @Test
    void imagesListsBusybox() {
        mydocker.ok("run", "--rm", "busybox", "true");
        List<String> lines = mydocker.ok("images").stdout().lines().toList();
        assertTrue(lines.get(0).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE"), lines::toString);
        assertTrue(lines.get(1).matches("busybox +latest +[0-9a-f]{12} +.+ ago +[0-9.]+[kM]B"), lines::toString);
    }

    @Test
    void badImageArgumentsAreOneLineAnd125() {
        Result unknown = mydocker.run("run", "--rm", "nosuch");
        assertEquals(125, unknown.exitCode());
        assertEquals(
                "mydocker: Unable to find image 'nosuch:latest' locally (there is no registry: see `mydocker images`;"
                        + " busybox is built in)\n",
                unknown.stderr());
        Result malformed = mydocker.run("run", "--rm", "Busy:Box:1");
        assertEquals(125, malformed.exitCode());
        assertTrue(
                malformed.stderr().startsWith("mydocker: invalid reference format: 'Busy:Box:1'")
                        && malformed.stderr().lines().count() == 1,
                malformed::toString);
        Result none = mydocker.run("run", "--rm");
        assertEquals(125, none.exitCode());
        assertEquals(
                "mydocker: \"run\" requires at least 1 argument: IMAGE [COMMAND...], e.g. mydocker run -it busybox sh\n",
                none.stderr());
    }

    @Test
    void aVolumeOutlivesItsContainerAndNeverReachesTheImage() throws Exception {
        Path host = mydocker.execRoot().resolve("made-by-run/data");
        mydocker.ok("run", "--rm", "-v", host + ":/data", "busybox", "sh", "-c", "echo kept > /data/file");
        assertEquals("kept\n", Files.readString(host.resolve("file")), "on the host after the container is gone");
        assertEquals(
                "kept\n",
                mydocker.ok("run", "--rm", "-v", host + ":/data", "busybox", "cat", "/data/file")
                        .stdout());
        assertEquals(
                "",
                mydocker.ok("run", "--rm", "busybox", "sh", "-c", "ls /data 2>/dev/null; true")
                        .stdout(),
                "not in the image");
    }

    @Test
    void aReadOnlyVolumeRefusesWrites() throws Exception {
        Path host = Files.createDirectories(mydocker.execRoot().resolve("ro"));
        Files.writeString(host.resolve("file"), "original");
        Result r = mydocker.run(
                "run",
                "--rm",
                "-v",
                host + ":/data:ro",
                "busybox",
                "sh",
                "-c",
                "cat /data/file; echo changed > /data/file");
        assertEquals("original", r.stdout());
        assertTrue(r.stderr().contains("Read-only file system"), r::toString);
        assertEquals(1, r.exitCode());
        assertEquals("original", Files.readString(host.resolve("file")));
    }

    @Test
    void aBadVolumeSpecIsOneLineAnd125AndMakesNothing() throws Exception {
        Result r = mydocker.run("run", "--rm", "-v", "relative:/data", "busybox", "true");
        assertEquals(125, r.exitCode());
        assertEquals(
                "mydocker: invalid volume specification 'relative:/data': the host path must be absolute,"
                        + " e.g. -v $PWD/data:/data\n",
                r.stderr());
        assertFalse(Files.exists(Path.of("relative")));
    }

    private Path layerOfBusybox() throws Exception {
        ImageStore store = ImageStore.at(mydocker.dataRoot());
        return store.layerDir(store.resolve("busybox").config().diffIds().get(0));
    }

    private static Path containerDir(String shortId) throws Exception {
        try (Stream<Path> dirs = Files.list(mydocker.dataRoot().resolve("containers"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(shortId))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
