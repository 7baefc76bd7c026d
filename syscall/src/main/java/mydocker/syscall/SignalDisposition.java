package mydocker.syscall;

import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What this JVM does on a signal, changed for a while and put back on
 * {@link #close()} (the Go book's {@code signal.Notify} / {@code signal.Ignore}).
 *
 * <p>Java has no public API for signal handlers; {@code sun.misc.Signal}
 * (module jdk.unsupported, which JEP 260 keeps exported until a public
 * replacement exists) is the JDK's own answer, so this class is its only user.
 * javac warns at every use ("internal proprietary API") and neither
 * {@code @SuppressWarnings} nor a lint option reaches that warning: the
 * warnings the build prints for this file are those, and only here.
 */
public final class SignalDisposition implements AutoCloseable {
    private final Signal signal;
    private final SignalHandler previous;

    private SignalDisposition(String name, SignalHandler handler) {
        this.signal = new Signal(name);
        this.previous = Signal.handle(signal, handler);
    }

    /** Ignores the signal {@code name} ("INT", "TTOU", ...) until closed, as SIG_IGN does. */
    public static SignalDisposition ignore(String name) {
        return new SignalDisposition(name, SignalHandler.SIG_IGN);
    }

    /** Calls {@code onSignal} with the signal's number at each delivery of {@code name}, until closed. */
    public static SignalDisposition handle(String name, IntConsumer onSignal) {
        return new SignalDisposition(name, s -> onSignal.accept(s.getNumber()));
    }

    /** Puts back the handler the signal had before. */
    @Override
    public void close() {
        Signal.handle(signal, previous);
    }
}
