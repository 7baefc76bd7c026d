package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;

/**
 * An imported root filesystem may lack /proc, /sys or /dev: made here, in the
 * container's upper layer, as Docker does, so their mounts have a place.
 */
final class MountPoints implements InitStep {
    @Override
    public void run(InitMessage message) {
        Path merged = ContainerLayout.of(message).merged();
        try {
            for (String dir : List.of("proc", "sys", "dev")) {
                Files.createDirectories(merged.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("making the mount points: " + e.getMessage(), e);
        }
    }
}
