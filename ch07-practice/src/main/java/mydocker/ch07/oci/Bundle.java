package mydocker.ch07.oci;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;
import static mydocker.syscall.CloneFlags.CLONE_NEWNET;
import static mydocker.syscall.CloneFlags.CLONE_NEWNS;
import static mydocker.syscall.CloneFlags.CLONE_NEWPID;
import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch03.Namespaces;
import mydocker.ch03.ProcessSpec;
import mydocker.ch04.image.Json;

/**
 * An OCI bundle (book 7.4: what {@code runc create} is given): a directory
 * with {@code config.json} and a root filesystem. Its config is untrusted
 * input, read once here into typed, checked values; every problem is one
 * line naming the field. What this runtime does not do yet is refused by
 * name rather than ignored, so a caller never gets less than it asked for.
 */
public record Bundle(
        Path dir,
        String ociVersion,
        Path rootfs,
        boolean readonlyRootfs,
        ProcessSpec process,
        String cwd,
        Rlimits rlimits,
        String hostname,
        Namespaces namespaces,
        List<MountSpec> mounts,
        CgroupParent cgroupParent,
        String cgroupName,
        ResourceConfig resources,
        Map<String, String> annotations,
        ContainerPaths maskedPaths,
        ContainerPaths readonlyPaths,
        RootfsPropagation rootfsPropagation,
        List<DeviceNode> devices,
        boolean terminal,
        OciResources ociResources,
        ProcessUser user,
        Sysctls sysctl,
        Hooks hooks,
        NoNewPrivileges noNewPrivileges,
        Optional<Seccomp> seccomp,
        Optional<Capabilities> capabilities,
        CgroupNamespace cgroupNamespace,
        Optional<OomScoreAdj> oomScoreAdj) {

    public static final String CONFIG = "config.json";
    /** The runtime spec this runtime reads (any 1.x is accepted; fields after this one are ignored). */
    public static final String SPEC_VERSION = "1.0.2";

    private static final String CGROUP = "cgroup";

    /** The spec's namespace types the spawn makes or joins, with their clone flags. */
    public static final Map<String, Integer> NAMESPACES = Map.of(
            "pid",
            CLONE_NEWPID,
            "network",
            CLONE_NEWNET,
            "mount",
            CLONE_NEWNS,
            "ipc",
            CLONE_NEWIPC,
            "uts",
            CLONE_NEWUTS);

    /** The spec's namespace types this runtime makes or joins (what {@code features} reports). */
    public static Set<String> namespaceTypes() {
        Set<String> types = new HashSet<>(NAMESPACES.keySet());
        types.add(CGROUP); // made by init at execve, not at the spawn (CgroupNamespace)
        return types;
    }

    /** {@code dir}'s config.json, checked; {@code id} names the container's cgroup when the config does not. */
    public static Bundle read(Path dir, String id) throws IOException {
        Path bundle = dir.toAbsolutePath().normalize();
        return of(bundle, spec(bundle), id);
    }

    /** {@code bundle}'s config.json as JSON, not yet checked (exec reads its process from it, as runc does). */
    public static Spec spec(Path bundle) throws IOException {
        Path file = bundle.resolve(CONFIG);
        Spec spec;
        try {
            spec = Json.MAPPER.readValue(Files.readAllBytes(file), Spec.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + CONFIG + " in bundle " + bundle + " (runc spec writes one)");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + Json.problem(e));
        }
        if (spec == null) {
            throw new IllegalArgumentException(file + " holds null");
        }
        return spec;
    }

    static Bundle of(Path bundle, Spec spec, String id) {
        require(spec.ociVersion() != null && spec.ociVersion().startsWith("1."), "ociVersion", "must be 1.x");
        OciProcess process = OciProcess.of(spec.process(), CONFIG);
        require(spec.root() != null && spec.root().path() != null, "root.path", "is missing");
        Path rootfs = bundle.resolve(spec.root().path()).normalize();
        require(Files.isDirectory(rootfs), "root.path", rootfs + " is not a directory");

        Spec.Linux linux = spec.linux() == null
                ? new Spec.Linux(List.of(), null, null, null, null, null, null, null, null)
                : spec.linux();
        List<Spec.Namespace> listed = linux.namespaces() == null ? List.of() : linux.namespaces();
        Namespaces namespaces = namespaces(listed.stream()
                .filter(ns -> ns == null || !CGROUP.equals(ns.type()))
                .toList());
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            require(namespaces.createsOrJoins(CLONE_NEWUTS), "hostname", "needs a uts namespace");
            Container.checkHostname(spec.hostname());
        }
        // The container's mounts, masks and pivot_root act on the mount namespace it is in: another
        // process's when joined by path, the host's own without one (runc leaves its mounts there).
        require(
                !namespaces.joined().containsValue(CLONE_NEWNS),
                "linux.namespaces",
                "mount path is not supported: the container's mounts and pivot_root would change"
                        + " that namespace's processes (give mount without a path)");
        require((namespaces.created() & CLONE_NEWNS) != 0, "linux.namespaces", "must create a mount namespace");

        List<DeviceNode> devices = devices(linux.devices());
        List<MountSpec> mounts = (spec.mounts() == null ? List.<Spec.Mount>of() : spec.mounts())
                .stream().map(m -> mount(bundle, m)).toList();

        String cgroupsPath = linux.cgroupsPath() == null || linux.cgroupsPath().isEmpty()
                ? CgroupParent.DEFAULT.path() + "/" + id
                : linux.cgroupsPath();
        String trimmed = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        int slash = trimmed.lastIndexOf('/');
        CgroupParent parent;
        try {
            // One name (/cgrouptest): the group right below the hierarchy's root, as runc puts it.
            parent = slash < 0 ? CgroupParent.ROOT : CgroupParent.parse(trimmed.substring(0, slash));
            CgroupParent.parse(trimmed.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config.json: linux.cgroupsPath '" + cgroupsPath
                    + "' is not a path of plain names, e.g. /mydocker/" + id);
        }
        return new Bundle(
                bundle,
                spec.ociVersion(),
                rootfs,
                spec.root().readonly() != null && spec.root().readonly(),
                process.specIn(rootfs),
                process.cwd(),
                process.rlimits(),
                spec.hostname() == null || spec.hostname().isEmpty() ? null : spec.hostname(),
                namespaces,
                mounts,
                parent,
                trimmed.substring(slash + 1),
                resources(linux.resources()),
                spec.annotations() == null ? Map.of() : Map.copyOf(spec.annotations()),
                ContainerPaths.of(linux.maskedPaths(), "linux.maskedPaths"),
                ContainerPaths.of(linux.readonlyPaths(), "linux.readonlyPaths"),
                RootfsPropagation.of(linux.rootfsPropagation()),
                devices,
                process.terminal(),
                OciResources.of(linux.resources(), devices),
                process.user(),
                Sysctls.of(linux.sysctl(), namespaces),
                Hooks.of(spec.hooks()),
                process.noNewPrivileges(),
                Seccomp.of(linux.seccomp()),
                process.capabilities(),
                CgroupNamespace.of(listed),
                process.oomScoreAdj());
    }

    /** linux.devices, each checked; a path given twice is refused, as it would make one node. */
    private static List<DeviceNode> devices(List<Spec.Device> list) {
        List<DeviceNode> devices = (list == null ? List.<Spec.Device>of() : list)
                .stream().map(DeviceNode::of).toList();
        Set<String> paths = new HashSet<>();
        for (DeviceNode d : devices) {
            require(paths.add(d.path()), "linux.devices", d.path() + " is given twice");
        }
        return devices;
    }

    /** A mount, checked; a bind mount's relative source is the bundle's, as the spec says. */
    private static MountSpec mount(Path bundle, Spec.Mount m) {
        require(m != null, "mounts", "holds a null");
        MountSpec mount;
        try {
            mount = MountSpec.of(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config.json: mounts: " + e.getMessage());
        }
        if (!mount.isBind() || mount.source().startsWith("/")) {
            return mount;
        }
        return new MountSpec(
                mount.destination(),
                mount.type(),
                bundle.resolve(mount.source()).normalize().toString(),
                mount.flags(),
                mount.propagation(),
                mount.data());
    }

    /** The namespaces to make and to join; a kind named twice, or one this runtime does not know, is refused. */
    private static Namespaces namespaces(List<Spec.Namespace> list) {
        int created = 0;
        Map<Path, Integer> joined = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Spec.Namespace ns : list) {
            String type = ns == null ? null : ns.type();
            require(type != null && seen.add(type), "linux.namespaces", "type " + type + " is missing or given twice");
            Integer flag = NAMESPACES.get(type);
            require(
                    flag != null,
                    "linux.namespaces",
                    "type " + type + " is not supported yet (pid, network, mount, ipc, uts and cgroup are)");
            if (ns.path() == null || ns.path().isEmpty()) {
                created |= flag;
            } else {
                Path path = Path.of(ns.path());
                require(
                        path.isAbsolute() && Files.exists(path),
                        "linux.namespaces",
                        type + " path " + path + " is not an existing absolute path");
                joined.put(path, flag);
            }
        }
        return new Namespaces(created, joined);
    }

    private static ResourceConfig resources(Spec.Resources resources) {
        ResourceConfig config = ResourceConfig.none();
        if (resources == null) {
            return config;
        }
        if (resources.memory() != null && resources.memory().limit() != null) {
            long limit = resources.memory().limit();
            require(limit > 0, "linux.resources.memory.limit", "must be more than 0");
            config = config.withMemory(limit);
        }
        if (resources.cpu() != null) {
            Long shares = resources.cpu().shares();
            if (shares != null && shares != 0) {
                require(shares >= 2 && shares <= 262144, "linux.resources.cpu.shares", "must be 2 to 262144");
                config = config.withCpuShares(shares.intValue());
            }
            String cpus = resources.cpu().cpus();
            if (cpus != null && !cpus.isEmpty()) {
                require(cpus.matches("[0-9,-]+"), "linux.resources.cpu.cpus", "'" + cpus + "' is not a CPU list");
                config = config.withCpusetCpus(cpus);
            }
        }
        return config;
    }

    /** The container this bundle starts, as chapter 3's start knows one. */
    public Container container(String id) {
        return new Container(id, hostname, namespaces);
    }

    static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("config.json: " + field + " " + problem);
        }
    }
}
