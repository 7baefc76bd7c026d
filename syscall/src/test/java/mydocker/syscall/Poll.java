package mydocker.syscall;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test helper: waits for a state the test can name, never for a fixed time.
 * The bound only decides when a test gives up: as long as {@link ChapterProgram}
 * waits for a program, since a JVM under emulation (the cgroup v2 guest)
 * takes 10-30 s to start.
 */
public final class Poll {
    private static final long STEP_MILLIS = 50;

    private Poll() {}

    /** Returns once {@code condition} holds; fails the test, saying what never happened, if it never does. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Reads {@code value} until it is {@code done}, and returns that reading. */
    public static <T> T until(String what, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + ChapterProgram.TIMEOUT_SECONDS * 1_000_000_000L;
        for (T seen = value.get(); ; seen = value.get()) {
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + ChapterProgram.TIMEOUT_SECONDS + " s waiting until " + what
                        + " (last seen: " + seen + ")");
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
