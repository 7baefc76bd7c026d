package mydocker.ch03;

import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Child;
import mydocker.syscall.SignalDisposition;

/**
 * SIGINT, SIGTERM and SIGHUP sent to the CLI go to the container instead
 * (Docker's sig-proxy): `kill <cli pid>` stops the container, and the CLI
 * stays to clean up and report its exit code. While this is installed the
 * JVM no longer exits on those signals.
 */
public final class SignalForwarder implements AutoCloseable {
    private final List<SignalDisposition> forwarded = new ArrayList<>();

    public SignalForwarder(Child container) {
        for (String name : List.of("INT", "TERM", "HUP")) {
            forwarded.add(SignalDisposition.handle(name, container::kill));
        }
    }

    @Override
    public void close() {
        forwarded.forEach(SignalDisposition::close);
    }
}
