package mydocker.ch03;

import java.nio.file.Path;
import java.util.List;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;

/**
 * Book 3.3: the container's cgroup, {@code <parent>/<id>} ({@code mydocker/<id>}
 * unless --cgroup-parent says otherwise), with its limits. Init joins it
 * itself as its last step before execve ({@code CgroupJoin}, chapter 2), so the user's
 * command never runs outside it and the init JVM never in it.
 */
public final class CgroupLimits implements HostStep {
    /** The group's directories, one per v1 hierarchy or one on v2, for init to join. */
    public static final InitMessage.Part<List<Path>> GROUPS = InitMessage.paths("cgroups");

    private final CgroupParent parent;
    /** The group's own name under its parent; null: the container's ID, as Docker names it. */
    private final String name;

    private final ResourceConfig resources;
    private final List<Subsystem> subsystems;
    private final boolean parentsAreTheContainers;
    private CgroupManager cgroup;

    public CgroupLimits(CgroupParent parent, ResourceConfig resources) {
        this(parent, resources, Subsystem.ALL);
    }

    /** The same, with a later chapter's subsystems beside the book's (chapter 7's {@code run}: pids). */
    public CgroupLimits(CgroupParent parent, ResourceConfig resources, List<Subsystem> subsystems) {
        this(parent, null, resources, subsystems, false);
    }

    /** A group named otherwise than its container (an OCI config.json's cgroupsPath names it whole). */
    public CgroupLimits(CgroupParent parent, String name, ResourceConfig resources) {
        this(parent, name, resources, Subsystem.ALL, false);
    }

    /**
     * A runtime's group (chapter 7): a later chapter's subsystems beside the
     * book's (the freezer, pids), and the parent levels its create made are
     * the container's too — a failed start removes them. A parent that
     * {@code --cgroup-parent} named stays, as Docker leaves it.
     */
    public CgroupLimits(CgroupParent parent, String name, ResourceConfig resources, List<Subsystem> subsystems) {
        this(parent, name, resources, subsystems, true);
    }

    private CgroupLimits(
            CgroupParent parent,
            String name,
            ResourceConfig resources,
            List<Subsystem> subsystems,
            boolean parentsAreTheContainers) {
        this.parent = parent;
        this.name = name;
        this.resources = resources;
        this.subsystems = subsystems;
        this.parentsAreTheContainers = parentsAreTheContainers;
    }

    @Override
    public void beforeStart(Container container) {
        cgroup = CgroupManager.create(parent, name != null ? name : container.id(), subsystems);
        cgroup.set(resources);
    }

    @Override
    public InitMessage forInit(InitMessage message) {
        return message.with(GROUPS, paths());
    }

    /** The group's directories (one per v1 hierarchy, one on v2), for whoever removes it later. */
    public List<Path> paths() {
        return cgroup.paths();
    }

    /** The parent levels the group's create made, for whoever removes it later ({@link CgroupManager#destroy(List)}). */
    public List<Path> parentsMade() {
        return cgroup.parentsMade();
    }

    @Override
    public void cleanUp(Container container) {
        if (cgroup != null) {
            cgroup.destroy(parentsAreTheContainers ? cgroup.parentsMade() : List.of());
        }
    }
}
