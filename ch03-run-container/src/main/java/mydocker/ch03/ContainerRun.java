package mydocker.ch03;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import mydocker.ch02.DebugLog;

/**
 * Book 3.2's {@code Run}: start the container and wait for it. The host-side
 * set-up is a list of {@link HostStep}s; later chapters pass longer lists
 * (a root filesystem, volumes, a network) and a longer {@link InitMessage}.
 *
 * <pre>
 *   steps' beforeStart ─ spawn init (it waits on the pipe) ─ steps' afterStart
 *   ─ terminal and signals to the container ─ send the command ─ wait
 *   ─ steps' cleanUp, in reverse order, whatever happened
 * </pre>
 *
 * With {@code -D} each of these moments is a {@link DebugLog} line (bench/run.sh times the phases from them).
 */
public final class ContainerRun {
    private static final String WHO = "cli";
    private final Engine engine;

    /** @param engine the chapter whose init runs in the container */
    public ContainerRun(Engine engine) {
        this.engine = engine;
    }

    /** Runs the container to its end; returns its exit code as Docker does (128+N for signal N). */
    public int run(Container container, List<HostStep> steps, InitMessage message, boolean attachStdin) {
        Deque<HostStep> toUndo = new ArrayDeque<>();
        try {
            beforeStart(container, steps, toUndo);
            DebugLog.event(WHO, "spawn init");
            try (ParentProcess init = ParentProcess.start(engine.mainClass(), container, steps, attachStdin, false)) {
                afterStart(container, steps, init);
                try (SignalForwarder signals = new SignalForwarder(init.child());
                        Terminal terminal =
                                attachStdin ? Terminal.handTo(init.child().pid()) : null) {
                    DebugLog.event(WHO, "send command");
                    init.send(forInit(steps, message));
                    int exitCode = init.child().waitFor().exitCode();
                    DebugLog.event(WHO, "container exited");
                    return exitCode;
                }
            }
        } finally {
            undo(toUndo, container);
            DebugLog.event(WHO, "cleaned up");
        }
    }

    /**
     * Starts the container detached, as {@code runc run -d}: returns its
     * init's host pid once the user's command runs (nothing may enter a
     * container still being set up), and leaves the container to another
     * supervisor (chapter 5's shim). Nothing is undone once it runs: what
     * outlives this JVM (the cgroup) is for whoever reaps the container to
     * remove. If the start fails, every step is undone as in {@link #run}.
     * BOOK-NOTES (chapter 3) says why this seam is here.
     */
    public int start(Container container, List<HostStep> steps, InitMessage message) {
        Deque<HostStep> toUndo = new ArrayDeque<>();
        try {
            beforeStart(container, steps, toUndo);
            try (ParentProcess init = ParentProcess.start(engine.mainClass(), container, steps, false, true)) {
                afterStart(container, steps, init);
                init.send(forInit(steps, message));
                init.awaitStarted();
                return init.child().pid();
            }
        } catch (RuntimeException e) {
            undo(toUndo, container);
            throw e;
        }
    }

    /** A step is in {@code toUndo} before it begins: its clean-up copes with half-done work. */
    private static void beforeStart(Container container, List<HostStep> steps, Deque<HostStep> toUndo) {
        for (HostStep step : steps) {
            toUndo.push(step);
            DebugLog.event(WHO, "beforeStart " + step.getClass().getSimpleName());
            step.beforeStart(container);
        }
    }

    private static void afterStart(Container container, List<HostStep> steps, ParentProcess init) {
        for (HostStep step : steps) {
            DebugLog.event(WHO, "afterStart " + step.getClass().getSimpleName());
            step.afterStart(container, init.child().pid());
        }
    }

    /** The message with what each step tells init. */
    private static InitMessage forInit(List<HostStep> steps, InitMessage message) {
        for (HostStep step : steps) {
            message = step.forInit(message);
        }
        return message;
    }

    /** Every step's clean-up runs even if an earlier one fails; failures are reported, not hidden. */
    private static void undo(Deque<HostStep> steps, Container container) {
        while (!steps.isEmpty()) {
            HostStep step = steps.pop();
            DebugLog.event(WHO, "cleanUp " + step.getClass().getSimpleName());
            try {
                step.cleanUp(container);
            } catch (RuntimeException e) {
                System.err.println("mydocker: warning: clean-up of container " + container.id() + " incomplete: "
                        + e.getMessage());
            }
        }
    }
}
