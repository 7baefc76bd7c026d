package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where this host mounts the cgroup hierarchies, read from mountinfo (the
 * book's {@code FindCgroupMountpoint}, 3.3), and so which kind of group a
 * container gets: {@link CgroupV1} when every controller we use has its own
 * v1 hierarchy (a hybrid host mounts v2 too, but its controllers live in
 * v1), else {@link CgroupV2}.
 *
 * <p>It finds a group three ways: making it ({@link #create}), naming it by
 * parent and name without making anything ({@link #open(CgroupParent, String)}),
 * and from directories written down earlier ({@link #open(List, String)}),
 * which are read as untrusted: each must be the named group under one of
 * these mounts, below a parent {@link CgroupParent} accepts.
 */
record CgroupMounts(Map<String, Path> v1, Optional<Path> v2) {
    /** A group's own name: one plain path component, so it can name nothing but a group below its parent. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    static CgroupMounts ofThisProcess() {
        return of(MountInfo.ofThisProcess());
    }

    /** Every v1 hierarchy by the controllers it carries (a later chapter's too), and the v2 mount. */
    static CgroupMounts of(List<MountInfo> mounts) {
        Map<String, Path> v1 = new HashMap<>();
        Path v2 = null;
        for (MountInfo m : mounts) {
            if (m.fsType().equals("cgroup")) {
                for (String option : m.superOptions()) {
                    if (!option.equals("rw") && !option.equals("ro") && !option.contains("=")) {
                        v1.put(option, Path.of(m.mountPoint()));
                    }
                }
            } else if (m.fsType().equals("cgroup2")) {
                v2 = Path.of(m.mountPoint());
            }
        }
        return new CgroupMounts(v1, Optional.ofNullable(v2));
    }

    CgroupManager create(CgroupParent parent, String name, List<Subsystem> subsystems) {
        checkName(name);
        return usesV1()
                ? CgroupV1.create(v1, parent, name, subsystems)
                : CgroupV2.create(v2Mount(), parent, name, subsystems);
    }

    CgroupManager open(CgroupParent parent, String name, List<Subsystem> subsystems) {
        checkName(name);
        if (usesV1()) {
            Map<Subsystem, Path> dirs = new LinkedHashMap<>();
            subsystems.forEach(
                    s -> dirs.put(s, v1Mount(v1, s).resolve(parent.path()).resolve(name)));
            return new CgroupV1(dirs, parent);
        }
        return new CgroupV2(v2Mount().resolve(parent.path()).resolve(name), parent, subsystems, List.of());
    }

    /**
     * The existing group {@code <parent>/<name>} in the book's hierarchies and
     * in every other v1 hierarchy where it is (a later chapter's subsystem
     * made it there), for whoever joins or removes it.
     */
    CgroupManager existing(CgroupParent parent, String name) {
        checkName(name);
        if (!usesV1()) {
            return open(parent, name, Subsystem.ALL);
        }
        List<Subsystem> subsystems = new ArrayList<>(Subsystem.ALL);
        for (Map.Entry<Path, Subsystem> h : hierarchies().entrySet()) {
            if (!subsystems.contains(h.getValue())
                    && Files.isDirectory(h.getKey().resolve(parent.path()).resolve(name))) {
                subsystems.add(h.getValue());
            }
        }
        return open(parent, name, subsystems);
    }

    /**
     * Each v1 hierarchy once (co-mounted controllers such as cpu,cpuacct share
     * one) with its subsystem: the book's where it is one of the book's, else
     * a {@link NamedSubsystem}.
     */
    private Map<Path, Subsystem> hierarchies() {
        Map<Path, Subsystem> all = new LinkedHashMap<>();
        Subsystem.ALL.forEach(s -> all.put(v1.get(s.name()), s));
        new TreeMap<>(v1).forEach((controller, mount) -> all.putIfAbsent(mount, new NamedSubsystem(controller)));
        return all;
    }

    /** The hierarchy of {@code subsystem}; one this host does not mount is said by name. */
    static Path v1Mount(Map<String, Path> v1, Subsystem subsystem) {
        Path mount = v1.get(subsystem.name());
        if (mount == null) {
            throw new IllegalStateException("no cgroup v1 hierarchy for the " + subsystem.name()
                    + " controller is mounted: see `mount -t cgroup -o " + subsystem.name() + " cgroup /sys/fs/cgroup/"
                    + subsystem.name() + "`");
        }
        return mount;
    }

    /** The group {@code name} at {@code recorded}: refused, touching nothing, unless each is one of its directories. */
    CgroupManager open(List<Path> recorded, String name) {
        checkName(name);
        Map<Path, Subsystem> hierarchies = usesV1() ? hierarchies() : Map.of();
        List<Path> mounts = usesV1() ? List.copyOf(hierarchies.keySet()) : List.of(v2Mount());
        CgroupParent parent = null;
        Map<Path, Path> groupIn = new HashMap<>(); // hierarchy's mount → the group's directory in it
        for (Path group : recorded) {
            Path mount = mountOf(group, mounts, name);
            CgroupParent its = parentOf(mount, group);
            Path before = groupIn.put(mount, group);
            if (parent != null && !parent.equals(its) || before != null && !before.equals(group)) {
                throw refused(group, name, "the record names two different groups");
            }
            parent = its;
        }
        if (parent == null) {
            throw new IllegalArgumentException("no cgroup recorded for " + name);
        }
        if (!usesV1()) {
            return new CgroupV2(groupIn.get(v2Mount()), parent);
        }
        Map<Subsystem, Path> dirs = new LinkedHashMap<>();
        hierarchies.forEach((mount, s) -> {
            Path group = groupIn.get(mount);
            if (group != null) {
                dirs.put(s, group);
            }
        });
        return new CgroupV1(dirs, parent);
    }

    /** The mount of the hierarchy {@code group} is in; refused if none, or if it is not named {@code name}. */
    private static Path mountOf(Path group, List<Path> mounts, String name) {
        if (!group.isAbsolute() || !group.normalize().equals(group)) {
            throw refused(group, name, "not an absolute, normalized path");
        }
        for (Path mount : mounts) {
            if (group.startsWith(mount) && group.getNameCount() >= mount.getNameCount() + 2) {
                if (!group.getFileName().toString().equals(name)) {
                    throw refused(group, name, "it is not named " + name);
                }
                return mount;
            }
        }
        throw refused(group, name, "it is not a group below a parent in a cgroup hierarchy this host mounts " + mounts);
    }

    private static CgroupParent parentOf(Path mount, Path group) {
        try {
            return CgroupParent.parse(mount.relativize(group.getParent()).toString());
        } catch (IllegalArgumentException e) {
            throw refused(group, group.getFileName().toString(), e.getMessage());
        }
    }

    private static IllegalArgumentException refused(Path group, String name, String why) {
        return new IllegalArgumentException(
                "cgroup " + group + " is not the group of " + name + " (" + why + "): not touching it");
    }

    private boolean usesV1() {
        return Subsystem.ALL.stream().allMatch(s -> v1.containsKey(s.name()));
    }

    private Path v2Mount() {
        return v2.orElseThrow(() -> new IllegalStateException("no usable cgroup filesystem is mounted (need cgroup2,"
                + " or cgroup v1 with cpuset, memory, cpu): see `mount -t cgroup2 none /sys/fs/cgroup`"));
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid cgroup name '" + name + "': one plain name, e.g. a container ID");
        }
    }
}
