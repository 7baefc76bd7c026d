package mydocker.ch02;

import java.time.Instant;

/**
 * Docker's {@code -D, --debug}, for one purpose: a line on stderr at each step
 * of a container's start and end, stamped with the wall-clock time to the
 * microsecond, so that the lines of the launcher, the CLI JVM and the
 * container's init JVM (three processes) can be put in one order.
 * {@code bench/run.sh} reads them for its per-phase breakdown.
 *
 * <pre>
 *   DEBU[1764014657.123456] cli: main
 *   DEBU[1764014657.301002] init: main
 * </pre>
 *
 * Off, it costs one boolean test per step.
 */
public final class DebugLog {
    private static boolean enabled;
    private static Instant mainEntered;

    private DebugLog() {}

    /** Remembers when {@code main} began, before we know whether -D was given (off until then). */
    public static void mainEntered() {
        enabled = false;
        mainEntered = Instant.now();
    }

    /** Turns debug lines on; the first says when main began (remembered, or now). */
    public static void enable(String who) {
        enabled = true;
        print(mainEntered != null ? mainEntered : Instant.now(), who, "main");
    }

    public static boolean enabled() {
        return enabled;
    }

    /** One debug line: {@code who} is the process's role (cli, init), {@code what} the step that begins. */
    public static void event(String who, String what) {
        if (enabled) {
            print(Instant.now(), who, what);
        }
    }

    private static void print(Instant at, String who, String what) {
        String micros = Integer.toString(at.getNano() / 1000 + 1_000_000).substring(1);
        System.err.println("DEBU[" + at.getEpochSecond() + "." + micros + "] " + who + ": " + what);
    }
}
