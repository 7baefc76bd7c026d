package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symlinks in an image resolve inside the container's root, whatever they say. */
class RootfsPathTest {
    @TempDir
    Path dir;

    Path root;
    /** A directory outside the root that stands for the host's: nothing may appear in it. */
    Path host;

    @BeforeEach
    void image() throws IOException {
        root = Files.createDirectories(dir.resolve("merged"));
        host = Files.createDirectories(dir.resolve("host"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("abs"), host); // -> /…/host: absolute
        Files.createSymbolicLink(root.resolve("climb"), Path.of("../../../../host")); // relative, climbing
        Files.createSymbolicLink(root.resolve("conf"), Path.of("etc")); // an honest relative link
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("/loop1"));
    }

    @Test
    void anAbsoluteLinkMeansTheContainersRoot() {
        Path made = RootfsPath.makeDirectories(root, "/abs/sub");
        assertEquals(root.resolve(host.toString().substring(1)).resolve("sub"), made);
        assertTrue(Files.isDirectory(made));
        assertFalse(Files.exists(host.resolve("sub")), "made outside the root, through the link");
    }

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertEquals(root.resolve("host/sub"), RootfsPath.makeDirectories(root, "/climb/sub"));
        assertEquals(root.resolve("x"), RootfsPath.resolve(root, "/../../x"));
        assertFalse(Files.exists(host.resolve("sub")));
    }

    @Test
    void anHonestLinkIsFollowed() {
        assertEquals(root.resolve("etc/hosts"), RootfsPath.resolve(root, "/conf/hosts"));
        assertEquals("/etc/hosts", RootfsPath.inContainer(root, RootfsPath.resolve(root, "/conf/hosts")));
    }

    @Test
    void aLoopIsAnErrorNotAHang() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RootfsPath.resolve(root, "/loop1/x"));
        assertEquals("/loop1/x: too many levels of symbolic links in the image", e.getMessage());
    }

    @Test
    void aFileOnTheWayIsNotADirectory() throws IOException {
        Files.writeString(root.resolve("etc/passwd"), "");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> RootfsPath.makeDirectories(root, "/etc/passwd/x"));
        assertEquals("/etc/passwd/x: /etc/passwd is not a directory in the image", e.getMessage());
    }
}
