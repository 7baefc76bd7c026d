package mydocker.ch04.image;

import java.io.IOException;

/** A layer tar that tries to write outside its directory, or is not a tar at all. */
public final class UnsafeLayerException extends IOException {
    public UnsafeLayerException(String entry, String why) {
        super("refused entry '" + entry + "' of the tar: " + why + " (nothing was imported)");
    }
}
