package mydocker.ch07.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ContainerLayout;
import mydocker.ch04.CorruptFileException;
import mydocker.ch05.Containers;
import mydocker.ch06.Endpoint;
import mydocker.ch06.NetworkCommand;

/**
 * Containers find each other by name (book 7.2: flask reaches redis): every
 * container on a network has the others' names in its /etc/hosts, rewritten
 * whenever one joins or leaves that network. Docker answers the same names
 * from a DNS server it embeds in each container at 127.0.0.11, kept by the
 * daemon; this engine has no daemon to keep one, and a hosts file needs
 * none: chapter 4 already binds each container's own over the image's
 * (BOOK-NOTES, chapter 7: "Containers find each other by name").
 *
 * <p>Each rewrite makes every hosts file on every network from what holds
 * now — the endpoints of chapter 6, read under its network lock — so a start
 * or stop that was killed half way is put right by the next one.
 */
public final class ServiceDiscovery implements HostStep {
    private final Path dir;

    /** The step of the container whose directory is {@code dir}, after chapter 6's {@link Endpoint}. */
    public ServiceDiscovery(Path dir) {
        this.dir = dir;
    }

    /** Its endpoint exists now: it gets the others' names, and they get its. */
    @Override
    public void beforeStart(Container container) {
        if (Endpoint.of(dir).isPresent()) {
            refresh(Optional.empty());
        }
    }

    /** It has ended (its endpoint goes right after, in chapter 6's cleanUp): its names leave the others' files. */
    @Override
    public void cleanUp(Container container) {
        if (Endpoint.of(dir).isPresent()) {
            refresh(Optional.of(container.id()));
        }
    }

    /** Every networked container's hosts file as things are now, without {@code leaving}'s names. */
    public static void refresh(Optional<String> leaving) {
        try (FileChannel lock = NetworkCommand.lock()) {
            List<Peer> peers = new ArrayList<>();
            for (Path container : ContainerConfig.dirs(Containers.root())) {
                Optional<Endpoint.Stored> endpoint = Endpoint.of(container);
                if (endpoint.isPresent()
                        && !leaving.equals(Optional.of(endpoint.get().container()))) {
                    try {
                        peers.add(Peer.of(ContainerConfig.read(container), endpoint.get()));
                    } catch (CorruptFileException | NoSuchFileException e) {
                        // removed meanwhile, or nothing to name it by: not a peer
                    }
                }
            }
            for (Peer self : peers) {
                List<Peer> network = peers.stream()
                        .filter(p -> p.network().equals(self.network()))
                        .toList();
                write(
                        new ContainerLayout(Containers.dir(self.id()), List.of()).hosts(),
                        HostsFile.render(self, network));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the containers' /etc/hosts: " + e.getMessage(), e);
        }
    }

    /**
     * In place, never by rename: the file is bound over the container's
     * /etc/hosts, and a bind mount holds the inode, not the name. A reader in
     * the container may see it half written for an instant, as it could with
     * Docker's links, which rewrote /etc/hosts the same way.
     */
    private static void write(Path hosts, String text) throws IOException {
        try (FileChannel file = FileChannel.open(
                hosts, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (NoSuchFileException e) {
            // its container is being removed
        }
    }
}
