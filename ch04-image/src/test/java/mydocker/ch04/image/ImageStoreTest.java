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
        Path layer = store.newLayerDir();
        Files.writeString(layer.resolve("hello"), name);
        String diffId = store.addLayer(layer);
        String id = store.register(ImageConfig.create(List.of("cat", "/hello"), List.of(), List.of(diffId)));
        store.tag(ImageReference.parse(name), id);
        return id;
    }

    @Test
    void taggedImagesResolveByNameIdAndIdPrefix() throws Exception {
        ImageStore store = ImageStore.at(root);
        String id = storeOneImage(store, "app:1");
        assertEquals(id, store.resolve("app:1").id());
        assertEquals(id, store.resolve(id).id());
        assertEquals(id, store.resolve(id.substring(7, 19)).id());
        assertEquals(List.of(ImageReference.parse("app:1")), store.resolve("app:1").references());
        assertEquals("app:1", Files.readString(store.layerDir(store.resolve("app:1").config().diffIds().get(0)).resolve("hello")));
    }

    @Test
    void anUnknownImageSaysThereIsNoRegistry() {
        ImageStore.NoSuchImageException e = assertThrows(ImageStore.NoSuchImageException.class,
                () -> ImageStore.at(root).resolve("nothing"));
        assertEquals("Unable to find image 'nothing:latest' locally (there is no registry: see `mydocker images`;"
                + " busybox is built in)", e.getMessage());
    }

    @Test
    void aConfigNamingAMissingLayerIsNotRegistered() {
        ImageStore store = ImageStore.at(root);
        assertThrows(IllegalArgumentException.class, () -> store.register(
                ImageConfig.create(List.of("sh"), List.of(), List.of("sha256:" + "0".repeat(64)))));
        assertFalse(Files.exists(root.resolve("image/configs")) && root.resolve("image/configs").toFile().list().length > 0);
    }

    @Test
    void theSameLayerIsStoredOnce() throws Exception {
        ImageStore store = ImageStore.at(root);
        storeOneImage(store, "same");
        Path again = store.newLayerDir();
        Files.writeString(again.resolve("hello"), "same");
        Files.setLastModifiedTime(again.resolve("hello"),
                Files.getLastModifiedTime(store.layerDir(store.resolve("same").config().diffIds().get(0)).resolve("hello")));
        store.addLayer(again);
        assertFalse(Files.exists(again));
        try (var layers = Files.list(root.resolve("image/layers"))) {
            assertEquals(1, layers.count());
        }
    }

    @Test
    void busyboxIsBuiltOnFirstUseFromTheStaticBinary() throws Exception {
        ImageStore store = ImageStore.at(root);
        Image busybox = store.resolve("busybox");
        assertEquals(List.of("sh"), busybox.config().cmd());
        Path layer = store.layerDir(busybox.config().diffIds().get(0));
        assertTrue(Files.isExecutable(layer.resolve("bin/busybox")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(layer.resolve("bin/sh")));
        assertEquals("1777", Integer.toOctalString((int) Files.getAttribute(layer.resolve("tmp"), "unix:mode") & 07777));
        assertEquals(busybox.id(), store.resolve("busybox:latest").id(), "made once");
        assertTrue(BusyboxImage.isStatic(layer.resolve("bin/busybox")));
        assertFalse(BusyboxImage.isStatic(Path.of("/bin/ls")), "a dynamic binary would need libc in the image");
    }
}
