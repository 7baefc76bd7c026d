package mydocker.ch03;

import mydocker.syscall.Spawn;

/**
 * One piece of a container's start on the host side: its lock, its cgroup,
 * and in later chapters its root filesystem, volumes and network. Every step
 * has its undo next to it. {@link ContainerRun} runs the steps in order and
 * their {@link #cleanUp} in reverse order, also when something failed half
 * way, so cleanUp must cope with a step that did only part of its work.
 */
public interface HostStep {
    /** Before the container's init exists. */
    default void beforeStart(Container container) {}

    /**
     * After {@link #beforeStart}, as init's spawn is prepared: what the spawn
     * must carry for this step, e.g. a descriptor handed to init (chapter 7's
     * console socket, connected before init exists).
     */
    default void spawning(Spawn init) {}

    /** After init exists (as {@code pid} on the host) but before it may run the user's command. */
    default void afterStart(Container container, int pid) {}

    /** {@code message} with what init must know from this step (the cgroup it joins, {@link CgroupLimits}). */
    default InitMessage forInit(InitMessage message) {
        return message;
    }

    /** After the container has ended, or when its start failed. */
    default void cleanUp(Container container) {}
}
