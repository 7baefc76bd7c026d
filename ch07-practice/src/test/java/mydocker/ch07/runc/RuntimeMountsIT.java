package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import mydocker.ch04.image.Json;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.MountFlags;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.Syscall;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What config.json's linux section does to the container's mounts, for real:
 * masked paths read empty, read-only paths refuse a write, a masked path in
 * the image that is a symlink masks only inside the root, linux.devices are
 * made with their mode and owner and only in /dev, and rootfsPropagation
 * gives the container's root its propagation while the host's mounts stay as
 * they were.
 */
@Privileged
class RuntimeMountsIT {
    @TempDir
    Path dir;

    private Path bundle;
    private Path rootfs;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(
                dir, "sh", "echo", "cat", "head", "wc", "ls", "stat", "mount", "mkdir", "touch", "sleep");
        bundle = dir.resolve("bundle");
        rootfs = bundle.resolve("rootfs");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertEquals(List.of(), hostMountsOfThisTest(), "a mount is left");
    }

    /** config.json: {@code script} run by sh, a writable root, the test's cgroup parent, then {@code change}. */
    private void config(String script, Consumer<ObjectNode> change) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ((ObjectNode) config.get("process"))
                .putArray("args")
                .add("sh")
                .add("-c")
                .add(script);
        ((ObjectNode) config.get("root")).put("readonly", false);
        linux(config).put("cgroupsPath", "/" + TestCgroups.PARENT + "/c-" + dir.getFileName());
        change.accept(config);
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    private static ObjectNode linux(ObjectNode config) {
        return (ObjectNode) config.get("linux");
    }

    /** Creates and starts {@code id}; its output once it printed {@code last}. */
    private String runUntil(String id, String last) throws IOException {
        runc.ok("create", "--bundle", bundle.toString(), id);
        Path output = runc.lastStdout();
        runc.ok("start", id);
        Poll.until(id + " printed " + last, () -> read(output).contains(last));
        return read(output);
    }

    private void remove(String id) {
        runc.ok("delete", "--force", id);
    }

    private List<String> hostMountsOfThisTest() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains(dir.toString()))
                .toList();
    }

    @Test
    void maskedPathsReadEmptyAndReadonlyPathsRefuseWrites() throws Exception {
        Files.createDirectories(rootfs.resolve("secret-dir"));
        Files.writeString(rootfs.resolve("secret-dir/key"), "dir secret");
        Files.writeString(rootfs.resolve("secret-file"), "file secret");
        config(
                "echo kcore=$(head -c 10 /proc/kcore | wc -c) dir=$(ls -A /secret-dir | wc -l)"
                        + " file=$(cat /secret-file | wc -c) missing=$(ls /no-such 2>&1 | wc -l);"
                        + " (echo x > /proc/sys/kernel/hostname) 2>/dev/null && echo sys=written || echo sys=refused",
                c -> {
                    linux(c).withArray("maskedPaths")
                            .add("/proc/kcore")
                            .add("/secret-dir")
                            .add("/secret-file")
                            .add("/no-such");
                    linux(c).withArray("readonlyPaths").add("/proc/sys");
                });
        String out = runUntil("m1", "sys=");
        assertTrue(out.contains("kcore=0 dir=0 file=0 missing=1\nsys=refused"), out);
        assertEquals("file secret", Files.readString(rootfs.resolve("secret-file")), "the image is untouched");
        remove("m1");
    }

    /** A directory masked, then a path below it (runc's own test): the second is gone, and skipped. */
    @Test
    void aPathBelowAMaskedDirectoryIsSkipped() throws Exception {
        Files.createDirectories(rootfs.resolve("masked-dir/masked-subdir"));
        Files.writeString(rootfs.resolve("masked-dir/masked-subdir/key"), "secret");
        config(
                "echo dir=$(ls -A /masked-dir | wc -l) done",
                c -> linux(c).withArray("maskedPaths").add("/masked-dir").add("/masked-dir/masked-subdir"));
        String out = runUntil("m3", "done");
        assertTrue(out.contains("dir=0 done"), out);
        remove("m3");
    }

    /**
     * An image's {@code /leak -> HOSTDIR/secret} (the host's path): masked, it
     * is resolved in the container's root, so the container's file of that
     * path reads empty and the host's is neither masked nor touched.
     */
    @Test
    void aMaskedSymlinkMasksOnlyInsideTheRoot() throws Exception {
        Path hostSecret = Files.writeString(dir.resolve("host-secret"), "host's");
        Path inRoot = rootfs.resolve(hostSecret.toString().substring(1));
        Files.createDirectories(inRoot.getParent());
        Files.writeString(inRoot, "container's");
        Files.createSymbolicLink(rootfs.resolve("leak"), hostSecret);
        config(
                "echo leak=$(cat /leak | wc -c) done",
                c -> linux(c).withArray("maskedPaths").add("/leak"));
        String out = runUntil("m2", "done");
        assertTrue(out.contains("leak=0 done"), out);
        assertEquals("host's", Files.readString(hostSecret));
        remove("m2");
    }

    @Test
    void devicesAreMadeWithTheirModeAndOwnerOnlyInDev() throws Exception {
        config(
                "stat -c '%n %A %u %g %t:%T' /dev/test-c /dev/sub/fifo; echo done",
                c -> {
                    ArrayNode devices = linux(c).putArray("devices");
                    devices.addObject()
                            .put("path", "/dev/test-c")
                            .put("type", "c")
                            .put("major", 10)
                            .put("minor", 666)
                            .put("fileMode", 0640)
                            .put("uid", 1)
                            .put("gid", 2);
                    devices.addObject()
                            .put("path", "/dev/sub/fifo")
                            .put("type", "p")
                            .put("fileMode", 0600);
                });
        String out = runUntil("d1", "done");
        assertTrue(out.contains("/dev/test-c crw-r----- 1 2 a:29a\n"), out);
        assertTrue(out.contains("/dev/sub/fifo prw------- 0 0 0:0\n"), out);
        remove("d1");

        config(
                "true",
                c -> linux(c).putArray("devices")
                        .addObject()
                        .put("path", "/etc/evil")
                        .put("type", "b")
                        .put("major", 8)
                        .put("minor", 0));
        Result outside = runc.run("create", "--bundle", bundle.toString(), "d2");
        assertEquals(125, outside.exitCode(), outside::toString);
        assertEquals(
                "mydocker: config.json: linux.devices: /etc/evil is not under /dev"
                        + " (a device is made in the container's /dev, e.g. /dev/fuse)\n",
                outside.stderr());
    }

    @Test
    void anImageWhoseDevIsASymlinkGetsNoDeviceElsewhere() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("dev"), Path.of("/etc"));
        config(
                "true",
                c -> linux(c).putArray("devices")
                        .addObject()
                        .put("path", "/dev/sda")
                        .put("type", "b")
                        .put("major", 8)
                        .put("minor", 0));
        Result refused = runc.run("create", "--bundle", bundle.toString(), "d3");
        assertEquals(125, refused.exitCode(), refused::toString);
        assertEquals(
                List.of("mydocker: init: linux.devices: /dev/sda would be made in /etc:"
                        + " the image's /dev is a symlink out of /dev"),
                refused.stderr().lines().distinct().toList(),
                refused::toString);
        assertFalse(Files.exists(rootfs.resolve("etc/sda")));
    }

    /**
     * The validation suite's own check, inside the container: a recursive bind
     * of / sees a mount made after it only if the root is shared; an
     * unbindable root cannot be bound. Meanwhile the host's mount table shows
     * nothing of the container.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"shared, yes, f", "rshared, yes, f", "slave, yes, ''", "private, yes, ''", "unbindable, no, ''"})
    void theRootsPropagationIsTheContainersAlone(String propagation, String bound, String seen) throws Exception {
        config(
                "mkdir /t /m /s && touch /s/f; mount -o rbind / /t 2>/dev/null && b=yes || b=no;"
                        + " mount -o bind /s /m; echo bound=$b seen=$(ls /t/m 2>/dev/null) done; exec sleep 60",
                c -> {
                    linux(c).put("rootfsPropagation", propagation);
                    // Every capability: the container mounts (CAP_SYS_ADMIN), as a privileged one may.
                    ((ObjectNode) c.get("process")).remove("capabilities");
                });
        String out = runUntil("p1", "done");
        assertTrue(out.contains("bound=" + bound + " seen=" + seen + " done"), out);
        assertEquals(List.of(), hostMountsOfThisTest(), "the container's mounts reached the host");
        remove("p1");
    }

    /**
     * Kubernetes' Bidirectional volume (book 7.6, critest's rshared spec): a
     * bind mount of a shared host directory, asked rshared, stays a peer of
     * the host's mount both ways — a mount made under it in the container
     * appears on the host, one made on the host appears inside — while the
     * container's own mounts elsewhere still never reach the host.
     */
    @Test
    void anRsharedBindMountIsAPeerOfTheHostsMount() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("volume"));
        Files.createDirectories(volume.resolve("from-host"));
        Syscall.mount(volume.toString(), volume.toString(), null, MountFlags.MS_BIND | MountFlags.MS_REC, null);
        try {
            Syscall.mount(null, volume.toString(), null, MountFlags.MS_SHARED | MountFlags.MS_REC, null);
            config(
                    "mkdir /v/inside /elsewhere && mount -t tmpfs none /v/inside && touch /v/inside/made"
                            + " && mount -t tmpfs none /elsewhere; echo mounted;"
                            + " until [ -e /v/from-host/seen ]; do sleep 0.1; done; echo done; exec sleep 60",
                    c -> {
                        ObjectNode mount = ((ArrayNode) c.get("mounts")).addObject();
                        mount.put("destination", "/v").put("type", "bind").put("source", volume.toString());
                        mount.putArray("options").add("rbind").add("rshared");
                        // Every capability: the container mounts (CAP_SYS_ADMIN), as a privileged one may.
                        ((ObjectNode) c.get("process")).remove("capabilities");
                    });
            runc.ok("create", "--bundle", bundle.toString(), "b1");
            Path output = runc.lastStdout();
            runc.ok("start", "b1");
            Poll.until("the container mounted", () -> read(output).contains("mounted"));
            assertTrue(Files.exists(volume.resolve("inside/made")), "the container's mount reached the host");
            Path hostSide = volume.resolve("from-host");
            Syscall.mount("tmpfs", hostSide.toString(), "tmpfs", 0, null);
            Files.createFile(hostSide.resolve("seen"));
            Poll.until(
                    "the host's mount reached the container", () -> read(output).contains("done"));
            assertTrue(
                    hostMountsOfThisTest().stream().noneMatch(line -> line.contains("/elsewhere")),
                    "a mount outside the volume reached the host");
            remove("b1");
        } finally {
            for (String left : List.of("inside", "from-host", "")) {
                Path target = volume.resolve(left);
                if (hostMountsOfThisTest().stream().anyMatch(line -> line.contains(" " + target + " "))) {
                    Syscall.umount2(target.toString(), MountFlags.MNT_DETACH);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
