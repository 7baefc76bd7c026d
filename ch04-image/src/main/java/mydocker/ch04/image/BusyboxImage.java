package mydocker.ch04.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import mydocker.ch03.LookPath;
import mydocker.syscall.Syscall;

/**
 * The default image. The book downloads busybox with {@code docker export};
 * there is no registry here, so the image is built from Debian's
 * busybox-static: one static binary, a symlink per applet, the few files a
 * shell expects ({@code /etc/passwd}, {@code /tmp} 1777, {@code /root}), and
 * the mount points the container's init needs.
 */
public final class BusyboxImage {
    public static final ImageReference REFERENCE = new ImageReference("busybox", "latest");
    private static final List<Path> CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private BusyboxImage() {}

    /** Builds the layer in {@code scratch}, files it in the store, and returns the image's config (not yet registered). */
    static ImageConfig build(ImageStore store, Scratch scratch) throws IOException {
        Path busybox = staticBusybox();
        System.err.println("mydocker: creating the busybox image from " + busybox + " (first use)...");
        Path layer = scratch.newDirectory("busybox");
        for (String dir : List.of(
                "bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "tmp", "home", "var/tmp", "proc", "sys", "dev")) {
            Files.createDirectories(layer.resolve(dir));
        }
        Files.copy(busybox, layer.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : applets(busybox)) {
            Path link = layer.resolve(applet);
            if (!applet.equals("bin/busybox") && !Files.exists(link)) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of("/bin/busybox"));
            }
        }
        Map<String, String> files = Map.of(
                "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                "etc/group", "root:x:0:\nnobody:x:65534:\n",
                // Empty: init binds the container's own over them.
                "etc/hostname", "",
                "etc/hosts", "");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(layer.resolve(f.getKey()), f.getValue());
        }
        Syscall.chmod(layer.resolve("tmp").toString(), 01777);
        Syscall.chmod(layer.resolve("var/tmp").toString(), 01777);
        Syscall.chmod(layer.resolve("root").toString(), 0700);
        String diffId = store.addLayer(layer, scratch);
        return ImageConfig.create(List.of("sh"), List.of("PATH=" + LookPath.DEFAULT_PATH), List.of(diffId));
    }

    private static Path staticBusybox() throws IOException {
        for (Path candidate : CANDIDATES) {
            if (Files.isRegularFile(candidate) && isStatic(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the busybox image is made from Debian's busybox-static, and no static "
                + "busybox is installed: run ./scripts/install-deps.sh (or apt-get install busybox-static)");
    }

    /** A static ELF has no PT_INTERP program header: it needs no loader and no libc in the image. */
    static boolean isStatic(Path elf) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2) {
            return false; // not a 64-bit ELF
        }
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) phoff + i * phentsize) == 3) {
                return false;
            }
        }
        return true;
    }

    /** {@code bin/ls}, {@code usr/bin/awk}, ...: where each applet belongs. */
    private static List<String> applets(Path busybox) throws IOException {
        Process list = new ProcessBuilder(busybox.toString(), "--list-full")
                .redirectErrorStream(true)
                .start();
        try (InputStream out = list.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (list.waitFor() != 0) {
                throw new IOException(busybox + " --list-full failed: " + text.strip());
            }
            return text.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("/"))
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
