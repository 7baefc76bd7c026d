package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path root;

    private String storeOneImage(ImageStore store, String name) throws Exception {
        try (Scratch scratch = store.scratch()) {
            Path layer = scratch.newDirectory("layer");
            Files.writeString(layer.resolve("hello"), name);
            String diffId = store.addLayer(layer, scratch);
            return store.register(
                    ImageConfig.create(List.of("cat", "/hello"), List.of(), List.of(diffId)),
                    ImageReference.parse(name));
        }
    }

    @Test
    void taggedImagesResolveByNameIdAndIdPrefix() throws Exception {
        ImageStore store = ImageStore.at(root);
        String id = storeOneImage(store, "app:1");
        assertEquals(id, store.resolve("app:1").id());
        assertEquals(id, store.resolve(id).id());
        assertEquals(id, store.resolve(id.substring(7, 19)).id());
        assertEquals(
                List.of(ImageReference.parse("app:1")), store.resolve("app:1").references());
        assertEquals(
                "app:1",
                Files.readString(
                        store.layerDir(store.resolve("app:1").config().diffIds().get(0))
                                .resolve("hello")));
    }

    @Test
    void anUnknownImageSaysThereIsNoRegistry() {
        ImageStore.NoSuchImageException e = assertThrows(
                ImageStore.NoSuchImageException.class, () -> ImageStore.at(root).resolve("nothing"));
        assertEquals(
                "Unable to find image 'nothing:latest' locally (there is no registry: see `mydocker images`;"
                        + " busybox is built in)",
                e.getMessage());
    }

    @Test
    void aConfigNamingAMissingLayerIsNotRegistered() {
        ImageStore store = ImageStore.at(root);
        assertThrows(
                IllegalArgumentException.class,
                () -> store.register(
                        ImageConfig.create(List.of("sh"), List.of(), List.of("sha256:" + "0".repeat(64))),
                        ImageReference.parse("x")));
        assertFalse(Files.exists(root.resolve("image/configs"))
                && root.resolve("image/configs").toFile().list().length > 0);
    }

    @Test
    void theSameLayerIsStoredOnce() throws Exception {
        ImageStore store = ImageStore.at(root);
        storeOneImage(store, "same");
        try (Scratch scratch = store.scratch()) {
            Path again = scratch.newDirectory("layer");
            Files.writeString(again.resolve("hello"), "same");
            Files.setLastModifiedTime(
                    again.resolve("hello"),
                    Files.getLastModifiedTime(store.layerDir(
                                    store.resolve("same").config().diffIds().get(0))
                            .resolve("hello")));
            store.addLayer(again, scratch);
        }
        try (var layers = Files.list(root.resolve("image/layers"))) {
            assertEquals(1, layers.count());
        }
    }

    @Test
    void namesResolveBeforeIdPrefixesAndInDockersShortForm() throws Exception {
        ImageStore store = ImageStore.at(root);
        String hexNamed = storeOneImage(store, "0123456789ab");
        assertEquals(hexNamed, store.resolve("0123456789ab").id(), "a name that looks like an ID prefix is a name");
        assertEquals(
                hexNamed, store.resolve("docker.io/library/0123456789ab:latest").id());
        String other = storeOneImage(store, "docker.io/library/app:1");
        assertEquals(other, store.resolve("app:1").id(), "stored in the short form");
        assertEquals(other, store.resolve("index.docker.io/library/app:1").id());
        assertEquals(other, store.resolve("whatever@" + other).id(), "a digest is the image ID here");
        assertEquals(other, store.resolve("app:2@" + other).id());
        assertEquals(hexNamed, store.resolve(hexNamed.substring(7, 19)).id(), "an ID prefix no name shadows");
        String local = storeOneImage(store, "127.0.0.1:5000/busybox:latest");
        assertEquals(local, store.resolve("127.0.0.1:5000/busybox").id());
        assertEquals(
                List.of(ImageReference.parse("127.0.0.1:5000/busybox")),
                store.resolve(local).references());
        assertThrows(ImageStore.NoSuchImageException.class, () -> store.resolve("app@sha256:" + "f".repeat(64)));
    }

    @Test
    void theSweepRemovesWhatDeadCommandsLeftAndKeepsWhatLiveOnesClaimed() throws Exception {
        ImageStore store = ImageStore.at(root);
        String id = storeOneImage(store, "kept:1");
        Path tmp = root.resolve("image/tmp");
        // A command killed mid-way: its scratch (lock file nobody holds), a layer it filed, a half-written state file.
        Files.createDirectories(tmp.resolve("dead/layer-1"));
        Files.writeString(tmp.resolve("dead.lock"), "");
        Files.writeString(tmp.resolve("dead/claims"), "sha256:" + "a".repeat(64) + "\n");
        Files.createDirectories(root.resolve("image/layers/" + "a".repeat(64)));
        Files.createDirectories(tmp.resolve("orphan"));
        Files.createDirectories(root.resolve("image/layers/.new-123"));
        Files.writeString(root.resolve("image/.repositories.json123.tmp"), "{");
        Path outsideTemp;
        try (Scratch live = store.scratch()) {
            outsideTemp = live.outside(root, "out");
            Files.writeString(outsideTemp, "half an archive");
            Path layer = live.newDirectory("layer");
            Files.writeString(layer.resolve("f"), "being loaded");
            String claimed = store.addLayer(layer, live);
            store.sweep();
            assertTrue(Files.isDirectory(store.layerDir(claimed)), "a live command's layer stays");
            assertTrue(Files.exists(outsideTemp), "a live command's temp file stays");
            try (var left = Files.list(tmp)) {
                assertEquals(2, left.count(), "only the live scratch and its lock are left");
            }
        }
        store.sweep();
        try (var layers = Files.list(root.resolve("image/layers"))) {
            assertEquals(
                    List.of(store.layerDir(store.resolve(id).config().diffIds().get(0))),
                    layers.toList(),
                    "only the layer an image uses");
        }
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
        assertFalse(Files.exists(root.resolve("image/.repositories.json123.tmp")));
        assertEquals(id, store.resolve("kept:1").id());
    }

    @Test
    void aDeadCommandsTempFileElsewhereGoesWithItsScratch() throws Exception {
        ImageStore store = ImageStore.at(root);
        storeOneImage(store, "kept:1");
        Path elsewhere = Files.createDirectories(root.resolve("out"));
        Path tmp = root.resolve("image/tmp");
        Files.createDirectories(tmp.resolve("dead"));
        Files.writeString(tmp.resolve("dead.lock"), "");
        Path temp = elsewhere.resolve(".x.tar-dead.tmp");
        Files.writeString(tmp.resolve("dead/outside"), temp + "\n");
        Files.writeString(temp, "half");
        store.sweep();
        assertFalse(Files.exists(temp));
    }

    @Test
    void busyboxIsBuiltOnFirstUseFromTheStaticBinary() throws Exception {
        ImageStore store = ImageStore.at(root);
        Image busybox = store.resolve("busybox");
        assertEquals(List.of("sh"), busybox.config().cmd());
        Path layer = store.layerDir(busybox.config().diffIds().get(0));
        assertTrue(Files.isExecutable(layer.resolve("bin/busybox")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(layer.resolve("bin/sh")));
        assertEquals(
                "1777", Integer.toOctalString((int) Files.getAttribute(layer.resolve("tmp"), "unix:mode") & 07777));
        assertEquals(busybox.id(), store.resolve("busybox:latest").id(), "made once");
        assertTrue(BusyboxImage.isStatic(layer.resolve("bin/busybox")));
        assertFalse(BusyboxImage.isStatic(Path.of("/bin/ls")), "a dynamic binary would need libc in the image");
    }
}
