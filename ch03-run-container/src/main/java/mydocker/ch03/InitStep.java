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

    /**
     * A step init makes last of all, on the thread that calls execve, after
     * the command is found, the cgroup joined and the thread's descriptor
     * table made its own ({@link mydocker.syscall.Syscall.PreparedExecve}):
     * for what would stop init's own last calls if made earlier (chapter 7's
     * seccomp filter may deny unshare) or must follow such a step. In the
     * order given, after every other step.
     */
    interface AtExec extends InitStep {}
}
