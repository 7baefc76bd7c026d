package mydocker.ch08;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import mydocker.ch03.Storage;
import mydocker.ch08.api.ApiServer;
import mydocker.syscall.SignalDisposition;

/**
 * The daemon's life (《Docker源码分析》 ch. 3, the daemon's start): one per
 * engine state (a lock under the exec root), a socket left by a killed daemon
 * replaced, the API served until SIGINT or SIGTERM, then the socket removed.
 * Containers are not the daemon's children (chapter 5's shims are their
 * parents), so they outlive it, and a new daemon finds them in the state
 * directories, as dockerd finds containerd's.
 */
public final class Daemon {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private final Engine engine;
    private final Path socket;
    private final Path execRoot;

    public Daemon(Engine engine, Path socket, Path execRoot) {
        this.engine = engine;
        this.socket = socket;
        this.execRoot = execRoot;
    }

    /** {@code $MYDOCKER_EXEC_ROOT/mydocker.sock}: /run/mydocker/mydocker.sock by default. */
    public static Path defaultSocket() {
        return Storage.execRoot().resolve("mydocker.sock");
    }

    /** {@code -H unix:///PATH}: only a Unix socket, given by an absolute path. */
    public static Path socketOf(String host) {
        if (!host.startsWith("unix:///")) {
            throw new IllegalArgumentException("-H " + host + ": give a Unix socket, unix:///PATH (there is no TCP"
                    + " listener: the API runs containers as root, and this daemon has no TLS)");
        }
        Path path = Path.of(host.substring("unix://".length())).normalize();
        if (path.getFileName() == null) {
            throw new IllegalArgumentException(
                    "-H " + host + ": give the socket's file, e.g. unix:///run/mydocker/mydocker.sock");
        }
        return path;
    }

    public void serve() throws Exception {
        Files.createDirectories(execRoot);
        Files.createDirectories(socket.getParent());
        try (FileChannel lockFile = FileChannel.open(
                        execRoot.resolve("mydockerd.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another mydocker daemon serves " + execRoot + " (it holds "
                        + execRoot.resolve("mydockerd.lock") + "): stop it first");
            }
            replaceStaleSocket();
            ApiServer server = new ApiServer(engine);
            Channel channel = server.bind(socket);
            // SIGINT, SIGTERM: stop serving, remove the socket, exit 0, as dockerd does.
            try (SignalDisposition term = SignalDisposition.handle("TERM", s -> channel.close());
                    SignalDisposition interrupt = SignalDisposition.handle("INT", s -> channel.close())) {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
                Log.info("API listening on unix://" + socket);
                channel.closeFuture().sync();
                Log.info("shutting down: the containers keep running");
            } finally {
                server.close();
                deleteSocket();
            }
        }
    }

    private void deleteSocket() {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            Log.warn("could not remove " + socket + ": " + e.getMessage());
        }
    }

    /**
     * A socket file nobody answers on is a killed daemon's: removed. One that
     * answers belongs to another daemon (of another state directory): refused.
     * Anything else at that path (a file, a directory, a link) is not ours to
     * remove, whatever {@code -H} says: refused.
     */
    private void replaceStaleSocket() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IllegalArgumentException(socket + " exists and is not a socket: give -H another path");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IllegalStateException("something already listens on " + socket + ": stop it or give -H another");
        } catch (IOException e) {
            Files.delete(socket);
        }
    }
}
