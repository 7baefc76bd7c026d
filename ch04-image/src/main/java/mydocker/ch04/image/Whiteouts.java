package mydocker.ch04.image;

import java.nio.file.Path;
import mydocker.ch02.Overlay;
import mydocker.syscall.Syscall;

/**
 * A deleted file in a layer, written two ways. In a layer tar (docker save,
 * OCI, AUFS before them) it is an empty file {@code .wh.<name>}, and a
 * directory whose lower contents are all hidden holds {@code .wh..wh..opq}.
 * On disk for overlayfs it is a 0/0 character device named {@code <name>},
 * and an opaque directory carries the xattr {@code trusted.overlay.opaque=y}.
 * Layers are unpacked into the overlay form and packed into the tar form.
 */
public final class Whiteouts {
    public static final String PREFIX = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    /** AUFS's own bookkeeping ({@code .wh..wh.plnk}, {@code .wh..wh.aufs}): not part of the image. */
    static final String META_PREFIX = ".wh..wh.";

    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private Whiteouts() {}

    /**
     * The file a whiteout entry {@code .wh.<name>} hides: {@code <name>}, which
     * must be one ordinary path component. {@code .wh...} would hide {@code ..},
     * the layer's parent, and {@code .wh.} or {@code .wh..} the directory the
     * whiteout sits in; deleting those is how a tar empties the whole store.
     */
    static String hiddenName(String entry, String whiteout) throws UnsafeLayerException {
        String name = whiteout.substring(PREFIX.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new UnsafeLayerException(entry, "a whiteout must name one file of its directory, not '" + name + "'");
        }
        return name;
    }

    /** An AUFS metadata name ({@code .wh..wh.*} other than the opaque marker), which Docker skips too. */
    static boolean isMetadata(String component) {
        return component.startsWith(META_PREFIX) && !component.equals(OPAQUE);
    }

    /** Overlay form of {@code .wh.<name>}: hides {@code <name>} of the layers below. */
    static void hide(Path file) {
        Syscall.mknodChar(file.toString(), 0, 0, 0);
    }

    /** Overlay form of {@code .wh..wh..opq}: nothing below {@code dir} shows through. */
    static void makeOpaque(Path dir) {
        Syscall.lsetxattr(dir.toString(), OPAQUE_XATTR, "y");
    }

    static boolean isWhiteout(Path file) {
        return Overlay.isWhiteout(file);
    }

    static boolean isOpaque(Path dir) {
        return "y".equals(Syscall.lgetxattr(dir.toString(), OPAQUE_XATTR));
    }
}
