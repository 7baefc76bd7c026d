package mydocker.ch03;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.syscall.Child;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT, SIGTERM and SIGHUP sent to the CLI go to the container instead
 * (Docker's sig-proxy): `kill <cli pid>` stops the container, and the CLI
 * stays to clean up and report its exit code. While this is installed the
 * JVM no longer exits on those signals.
 */
public final class SignalForwarder implements AutoCloseable {
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    public SignalForwarder(Child container) {
        for (String name : List.of("INT", "TERM", "HUP")) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, s -> container.kill(s.getNumber())));
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
