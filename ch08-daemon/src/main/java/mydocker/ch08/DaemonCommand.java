package mydocker.ch08;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch03.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mydocker daemon} (dockerd): the engine behind the Docker Engine API on
 * a Unix socket, in the foreground until SIGINT or SIGTERM. The socket is root's
 * (mode 0660): whoever can write to it can run any container, so it is as
 * powerful as root, as Docker's is; there is no TCP listener.
 */
@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        description = "Serve the Docker Engine API on a Unix socket (as dockerd); -D logs each request.")
public class DaemonCommand implements Callable<Integer> {
    @Option(
            names = {"-H", "--host"},
            paramLabel = "unix:///PATH",
            description = "The socket to listen on (default: unix://$MYDOCKER_EXEC_ROOT/mydocker.sock,"
                    + " i.e. unix:///run/mydocker/mydocker.sock).")
    String host;

    private final Engine engine;

    public DaemonCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws Exception {
        Path socket = host == null ? Daemon.defaultSocket() : Daemon.socketOf(host);
        new Daemon(engine, socket, Storage.execRoot()).serve();
        return 0;
    }
}
