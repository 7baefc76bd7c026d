package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile whiteout names, unpacked into a layer deep inside a store full of
 * other things (images, containers' upper dirs). Whatever the name, nothing
 * outside the layer may change: a checksum of the whole store outside the
 * layer is the same before and after.
 */
class WhiteoutCorpusTest {
    @TempDir
    Path store;

    Path layer;

    @BeforeEach
    void fillTheStore() throws IOException {
        Files.createDirectories(store.resolve("image/layers/1111/bin"));
        Files.writeString(store.resolve("image/layers/1111/bin/sh"), "an image's shell");
        Files.writeString(store.resolve("image/repositories.json"), "{\"busybox:latest\": \"sha256:1111\"}");
        Files.createDirectories(store.resolve("containers/c1/upper/root"));
        Files.writeString(store.resolve("containers/c1/upper/root/note"), "a container's write");
        Files.createSymbolicLink(store.resolve("containers/c1/link"), Path.of("/etc"));
        layer = Files.createDirectories(store.resolve("image/tmp/scratch/layer"));
    }

    static Stream<Arguments> hostileWhiteouts() {
        return Stream.of(
                Arguments.of(".wh...", new TarBuilder().file(".wh...", "", 0644)),
                Arguments.of("./.wh...", new TarBuilder().file("./.wh...", "", 0644)),
                Arguments.of("a/.wh...", new TarBuilder().dir("a", 0755).file("a/.wh...", "", 0644)),
                Arguments.of("a/b/.wh...", new TarBuilder().dir("a/b", 0755).file("a/b/.wh...", "", 0644)),
                Arguments.of(".wh.", new TarBuilder().file(".wh.", "", 0644)),
                Arguments.of(
                        "a/.wh.",
                        new TarBuilder().dir("a", 0755).file("a/x", "x", 0644).file("a/.wh.", "", 0644)),
                Arguments.of(".wh..", new TarBuilder().file(".wh..", "", 0644)),
                Arguments.of("a/.wh..", new TarBuilder().dir("a", 0755).file("a/.wh..", "", 0644)),
                Arguments.of(".wh..wh...", new TarBuilder().file(".wh..wh...", "", 0644)),
                Arguments.of("a/.wh..wh...", new TarBuilder().dir("a", 0755).file("a/.wh..wh...", "", 0644)),
                Arguments.of(".wh..wh..", new TarBuilder().file(".wh..wh..", "", 0644)),
                Arguments.of(
                        ".wh..wh.plnk/x",
                        new TarBuilder().dir(".wh..wh.plnk", 0700).file(".wh..wh.plnk/x", "", 0644)),
                Arguments.of(
                        "up -> .., up/.wh.image",
                        new TarBuilder().symlink("up", "..").file("up/.wh.image", "", 0644)),
                Arguments.of(
                        "up -> ../../.., up/.wh...",
                        new TarBuilder().symlink("up", "../../..").file("up/.wh...", "", 0644)),
                Arguments.of(
                        "abs -> store, abs/.wh.image",
                        new TarBuilder().symlink("abs", "/").file("abs/.wh.etc", "", 0644)),
                Arguments.of(
                        "up -> .., .wh.up", new TarBuilder().symlink("up", "..").file(".wh.up", "", 0644)),
                Arguments.of(
                        "d, d -> .., d/.wh.image",
                        new TarBuilder().dir("d", 0755).symlink("d", "..").file("d/.wh.image", "", 0644)),
                Arguments.of(
                        "up -> .., up (a file replacing it)",
                        new TarBuilder().symlink("up", "../..").file("up", "x", 0644)),
                Arguments.of("a/../.wh..", new TarBuilder().file("a/../.wh..", "", 0644)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileWhiteouts")
    void nothingOutsideTheLayerChanges(String name, TarBuilder tar) throws IOException {
        String before = StoreChecksum.outside(store, layer);
        try {
            LayerUnpacker.unpack(new ByteArrayInputStream(tar.build()), layer);
        } catch (IOException | RuntimeException refused) {
            assertEquals(
                    1,
                    refused.getMessage().lines().count(),
                    refused.getMessage()); // refused or skipped, either is fine
        }
        assertEquals(before, StoreChecksum.outside(store, layer), "the store outside the layer changed");
        assertTrue(Files.isDirectory(layer, LinkOption.NOFOLLOW_LINKS), "the layer itself is still there");
    }

    @Test
    void aWhiteoutOfDotDotIsRefusedNamingTheEntry() {
        UnsafeLayerException e = assertThrows(
                UnsafeLayerException.class,
                () -> LayerUnpacker.unpack(
                        new ByteArrayInputStream(
                                new TarBuilder().file("a/.wh...", "", 0644).build()),
                        layer));
        assertEquals(
                "refused entry 'a/.wh...' of the tar: a whiteout must name one file of its directory, not '..'"
                        + " (nothing was imported)",
                e.getMessage());
    }

    @Test
    void aufsMetadataIsSkippedWithAWarning() throws IOException {
        LayerUnpacker.Result r = LayerUnpacker.unpack(
                new ByteArrayInputStream(new TarBuilder()
                        .file(".wh..wh.aufs", "", 0644)
                        .file("ok", "ok", 0644)
                        .build()),
                layer);
        assertEquals(List.of("skipped AUFS metadata .wh..wh.aufs"), r.warnings());
        assertFalse(Files.exists(layer.resolve(".wh..wh.aufs"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anOrdinaryWhiteoutStillHidesItsFileAndRemovesOnlyThat() throws IOException {
        LayerUnpacker.unpack(
                new ByteArrayInputStream(new TarBuilder()
                        .dir("etc", 0755)
                        .file("etc/keep", "k", 0644)
                        .symlink("etc/link", "..")
                        .file("etc/.wh.link", "", 0644)
                        .file("etc/.wh.gone", "", 0644)
                        .build()),
                layer);
        assertTrue(Whiteouts.isWhiteout(layer.resolve("etc/link")), "the symlink itself was replaced, not its target");
        assertTrue(Whiteouts.isWhiteout(layer.resolve("etc/gone")));
        assertEquals("k", Files.readString(layer.resolve("etc/keep")));
    }

    /** The mechanism itself, whatever name reaches it. */
    @Test
    void theConfinedDeleteNeverLeavesItsRoot() throws IOException {
        Files.createDirectories(layer.resolve("a"));
        Files.createSymbolicLink(layer.resolve("via"), store.resolve("containers"));
        String before = StoreChecksum.outside(store, layer);
        for (Path hostile : List.of(
                layer,
                layer.resolve(".."),
                layer.resolve("a/../.."),
                layer.resolve("a/.."),
                layer.resolve("via/c1"),
                store.resolve("containers"),
                Path.of("/"))) {
            assertThrows(Trees.NotBelowException.class, () -> Trees.deleteBelow(layer, hostile), hostile::toString);
        }
        assertEquals(before, StoreChecksum.outside(store, layer));
        Trees.deleteBelow(layer, layer.resolve("via"));
        assertFalse(Files.exists(layer.resolve("via"), LinkOption.NOFOLLOW_LINKS), "a symlink itself may go");
        assertTrue(Files.isDirectory(store.resolve("containers/c1")), "not what it points at");
    }
}
