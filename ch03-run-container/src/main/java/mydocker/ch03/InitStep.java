package mydocker.ch03;

/**
 * One piece of the container's set-up done by init, inside the new
 * namespaces, before it execs the user's command: mounts, in this chapter.
 * A step is made with the values it needs, decoded once from the
 * {@link InitMessage} ({@link Engine#initSteps}). No undo: everything made
 * here dies with the container's namespaces.
 */
public interface InitStep {
    void run();
}
