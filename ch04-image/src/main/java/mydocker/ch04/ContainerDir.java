package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch04.image.Trees;

/**
 * Makes the container's directory before it starts (so that `commit` from
 * another shell finds its upper layer) and removes it at the end with
 * {@code --rm}; without it the directory stays for `commit` (chapter 5 adds
 * `rm`).
 */
final class ContainerDir implements HostStep {
    private final ContainerLayout layout;
    private final ContainerConfig config;
    private final boolean removeAtExit;

    ContainerDir(ContainerLayout layout, ContainerConfig config, boolean removeAtExit) {
        this.layout = layout;
        this.config = config;
        this.removeAtExit = removeAtExit;
    }

    @Override
    public void beforeStart(Container container) {
        try {
            Files.createDirectories(layout.upper());
            Files.createDirectories(layout.work());
            Files.createDirectories(layout.merged());
            // The init layer: an image without them (a Debian root made by mmdebstrap has no
            // /etc/hosts) still gets the container's own; in a layer of their own, never in
            // the upper one, so never in a commit.
            Path etc = Files.createDirectories(layout.init().resolve("etc"));
            for (String file : List.of("hostname", "hosts")) {
                if (!Files.exists(etc.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(etc.resolve(file));
                }
            }
            Files.writeString(layout.hostname(), container.hostname() + "\n");
            config.write(layout.dir());
            Files.writeString(
                    layout.hosts(), ContainerLayout.LOCALHOST_LINES + "127.0.1.1\t" + container.hostname() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the container's directory " + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Init mounts the union of this layout and pivots into it. */
    @Override
    public InitMessage forInit(InitMessage message) {
        return message.with(ContainerLayout.PART, layout);
    }

    @Override
    public void cleanUp(Container container) {
        if (removeAtExit) {
            try {
                Trees.delete(layout.dir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + layout.dir() + ": " + e.getMessage(), e);
            }
        }
    }
}
