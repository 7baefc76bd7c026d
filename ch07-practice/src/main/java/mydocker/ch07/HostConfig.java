package mydocker.ch07;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mydocker.ch03.Namespaces;
import mydocker.ch04.ContainerConfig;
import mydocker.ch07.oci.DockerCapabilities;
import mydocker.ch07.oci.DockerProfile;
import mydocker.ch07.oci.MountSpec;
import mydocker.ch07.oci.OomScoreAdj;
import mydocker.ch07.oci.ProcessUser;
import mydocker.ch07.oci.Rlimits;
import mydocker.ch07.oci.Spec;
import mydocker.ch07.oci.Sysctls;

/**
 * What chapter 7's {@code run} flags ask of the runtime beyond chapters 3-6
 * — Docker keeps them in a container's {@code HostConfig} — as the OCI
 * values they become in the container's config.json ({@link RunSpec}): parsed
 * and checked once, when {@code run} reads its flags, and kept in the
 * container's own config ({@link #EXTENSION}) so a later {@code start} asks
 * for the same. Docker's defaults where a flag is not given.
 */
public record HostConfig(
        Long pidsLimit,
        List<Spec.Rlimit> ulimits,
        boolean readOnly,
        List<Spec.Mount> tmpfs,
        Map<String, String> sysctls,
        Spec.User user,
        boolean noNewPrivileges,
        boolean privileged,
        Spec.Capabilities capabilities,
        Spec.Seccomp seccomp,
        boolean cgroupns,
        Integer oomScoreAdj) {
    public static final ContainerConfig.Extension<HostConfig> EXTENSION =
            new ContainerConfig.Extension<>("hostConfig", HostConfig.class);

    /**
     * A plain {@code run}: no limits beyond chapter 3's, a writable root, root
     * user, and Docker's security defaults: its 14 capabilities and its
     * seccomp profile.
     */
    public static HostConfig defaults() {
        Spec.Capabilities capabilities = DockerCapabilities.of(List.of(), List.of(), false);
        return new HostConfig(
                null,
                List.of(),
                false,
                List.of(),
                Map.of(),
                null,
                false,
                false,
                capabilities,
                seccomp(false, SecurityOpts.DEFAULT, capabilities),
                cgroupns(null),
                null);
    }

    /**
     * {@code --cgroupns private|host}: a cgroup namespace of the container's
     * own, in which its group is "/". Docker's default: private where the
     * host is cgroup v2, the host's on v1 (either way the container's cgroup
     * mount shows only its own groups, read-only).
     */
    static boolean cgroupns(String flag) {
        if (flag == null) {
            return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        }
        return switch (flag) {
            case "private" -> true;
            case "host" -> false;
            default -> throw new IllegalArgumentException("--cgroupns " + flag + ": give private or host");
        };
    }

    /** {@code mount -t tmpfs}'s options that Docker gives every {@code --tmpfs} before the user's own. */
    private static final List<String> TMPFS_DEFAULTS = List.of("rw", "noexec", "nosuid", "nodev");

    public HostConfig {
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        tmpfs = tmpfs == null ? List.of() : List.copyOf(tmpfs);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(new TreeMap<>(sysctls));
    }

    /** {@code --pids-limit N}: Docker's meaning — 0 or below is no limit. */
    static Long pidsLimit(Long limit) {
        return limit == null || limit <= 0 ? null : limit;
    }

    /**
     * {@code --oom-score-adj N}: the container's process.oomScoreAdj, refused
     * outside the kernel's range as Docker refuses it (null: left as
     * inherited).
     */
    static Integer oomScoreAdj(Integer flag) {
        if (flag != null && (flag < OomScoreAdj.MIN || flag > OomScoreAdj.MAX)) {
            throw new IllegalArgumentException("--oom-score-adj " + flag + ": give " + OomScoreAdj.MIN + " to "
                    + OomScoreAdj.MAX + " (higher: the OOM killer takes the container sooner)");
        }
        return flag;
    }

    /** {@code --ulimit NAME=SOFT[:HARD]} (Docker's names: nofile, nproc, core, ...; -1 is unlimited). */
    static Spec.Rlimit ulimit(String flag) {
        String[] nameValue = flag.split("=", 2);
        String usage = "--ulimit " + flag + ": give NAME=SOFT[:HARD], e.g. --ulimit nofile=1024:2048";
        if (nameValue.length != 2 || !nameValue[0].matches("[a-z]+")) {
            throw new IllegalArgumentException(usage);
        }
        String[] limits = nameValue[1].split(":", -1);
        if (limits.length > 2) {
            throw new IllegalArgumentException(usage);
        }
        long soft = limit(limits[0], usage);
        long hard = limits.length == 2 ? limit(limits[1], usage) : soft;
        if (Long.compareUnsigned(soft, hard) > 0) {
            throw new IllegalArgumentException("--ulimit " + flag + ": the soft limit is above the hard one");
        }
        Spec.Rlimit rlimit = new Spec.Rlimit("RLIMIT_" + nameValue[0].toUpperCase(Locale.ROOT), hard, soft);
        try {
            // The runtime's own check of the name, so the flag and config.json agree on what is one.
            Rlimits.of(List.of(rlimit), "--ulimit");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ulimit " + flag + ": " + nameValue[0] + " is not a limit of"
                    + " setrlimit(2) (core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss,"
                    + " rtprio, rttime, sigpending, stack, as)");
        }
        return rlimit;
    }

    private static long limit(String text, String usage) {
        if (text.equals("-1")) {
            return -1; // RLIM_INFINITY, as the kernel's unsigned value
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(usage);
        }
        return Long.parseLong(text);
    }

    /** {@code --tmpfs /PATH[:OPTIONS]}: a tmpfs there, Docker's rw,noexec,nosuid,nodev first, then OPTIONS. */
    static Spec.Mount tmpfs(String flag) {
        int colon = flag.indexOf(':');
        String path = colon < 0 ? flag : flag.substring(0, colon);
        List<String> options = new ArrayList<>(TMPFS_DEFAULTS);
        if (colon >= 0 && colon + 1 < flag.length()) {
            options.addAll(List.of(flag.substring(colon + 1).split(",")));
        }
        Spec.Mount mount = new Spec.Mount(path, "tmpfs", "tmpfs", options);
        try {
            MountSpec.of(mount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tmpfs " + flag + ": " + e.getMessage() + " (give /PATH[:OPTIONS])");
        }
        if (options.stream().anyMatch(o -> o.contains("bind") || o.isEmpty())) {
            throw new IllegalArgumentException(
                    "--tmpfs " + flag + ": options are tmpfs's own, e.g. size=64m,mode=1777");
        }
        return mount;
    }

    /** {@code --sysctl KEY=VALUE}: only what the container's own namespaces hold, as Docker allows. */
    static Map<String, String> sysctls(List<String> flags) {
        Map<String, String> sysctls = new TreeMap<>();
        for (String flag : flags) {
            String[] keyValue = flag.split("=", 2);
            if (keyValue.length != 2 || keyValue[0].isEmpty()) {
                throw new IllegalArgumentException("--sysctl " + flag + ": give KEY=VALUE, e.g. net.ipv4.ip_forward=1");
            }
            sysctls.put(keyValue[0], keyValue[1]);
        }
        try {
            Sysctls.of(sysctls, Namespaces.CONTAINER);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--sysctl: " + e.getMessage().replace("config.json: linux.sysctl key ", ""));
        }
        return sysctls;
    }

    /**
     * The seccomp filter: none for a privileged container or with {@code
     * seccomp=unconfined} (as dockerd), else the profile given or Docker's
     * default, each kept to the syscalls its conditions allow with these
     * capabilities (moby's setupSeccomp).
     */
    static Spec.Seccomp seccomp(boolean privileged, SecurityOpts options, Spec.Capabilities capabilities) {
        if (privileged || options.seccompUnconfined()) {
            return null;
        }
        Set<String> caps = Set.copyOf(capabilities.bounding());
        if (options.seccompProfile() == null) {
            return DockerProfile.defaults(caps);
        }
        try {
            return DockerProfile.read(options.seccompProfile(), caps);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--security-opt seccomp=" + options.seccompProfile() + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The same, running as {@code user} (the image's USER when run has no --user). */
    HostConfig withUser(Spec.User user) {
        return new HostConfig(
                pidsLimit,
                ulimits,
                readOnly,
                tmpfs,
                sysctls,
                user,
                noNewPrivileges,
                privileged,
                capabilities,
                seccomp,
                cgroupns,
                oomScoreAdj);
    }

    /** {@code --user UID[:GID]}: numbers (a name would need the image's /etc/passwd; not yet). */
    static Spec.User user(String flag) {
        if (flag == null) {
            return null;
        }
        ProcessUser user = ProcessUser.parse(flag, List.of());
        return new Spec.User(user.uid(), user.gid(), null, null);
    }
}
