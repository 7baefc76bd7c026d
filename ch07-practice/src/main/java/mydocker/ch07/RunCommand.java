package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.image.Image;
import mydocker.ch07.build.FullImageConfig;
import mydocker.ch07.build.ImageSettings;
import mydocker.ch07.network.NetworkAliases;
import mydocker.ch07.oci.DockerCapabilities;
import mydocker.ch07.oci.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 6's run with what the runtime spec lets Docker ask for (book 7.4,
 * <i>Docker Deep Dive</i>'s security chapter): process limits, a read-only
 * root, tmpfs mounts, namespaced sysctls, another user, no_new_privs — Docker's
 * flags, parsed once into the container's {@link HostConfig}.
 */
@Command(
        name = "run",
        sortOptions = false,
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {
            "",
            "Examples:",
            "  mydocker run --rm --read-only --tmpfs /tmp busybox sh -c 'touch /tmp/ok && ls /tmp'",
            "  mydocker run --rm --cap-add NET_ADMIN busybox ip link add b0 type bridge",
            "  mydocker run --rm --pids-limit 64 --ulimit nofile=256 busybox sh -c 'ulimit -n'",
            "  mydocker run --rm --user 65534:65534 busybox id"
        })
public class RunCommand extends mydocker.ch06.RunCommand {
    @Option(
            names = "--pids-limit",
            paramLabel = "N",
            description = "At most N processes in the container (pids cgroup; 0 or -1: no limit).")
    Long pidsLimit;

    @Option(
            names = "--ulimit",
            paramLabel = "NAME=SOFT[:HARD]",
            description = "A resource limit of setrlimit(2), e.g. nofile=1024:2048 (-1: unlimited).")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem read-only.")
    boolean readOnly;

    @Option(
            names = "--tmpfs",
            paramLabel = "/PATH[:OPTIONS]",
            description = "Mount a tmpfs at PATH (rw,noexec,nosuid,nodev, then OPTIONS such as size=64m).")
    List<String> tmpfs = new ArrayList<>();

    @Option(
            names = "--sysctl",
            paramLabel = "KEY=VALUE",
            description = "Set a namespaced kernel setting (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*).")
    List<String> sysctls = new ArrayList<>();

    @Option(
            names = {"-u", "--user"},
            paramLabel = "UID[:GID]",
            description = "Run the command as this user and group (numbers).")
    String user;

    @Option(
            names = "--cap-add",
            paramLabel = "CAP",
            description = "Add a capability to Docker's default 14 (NET_ADMIN, SYS_PTRACE, ..., or ALL).")
    List<String> capAdd = new ArrayList<>();

    @Option(
            names = "--cap-drop",
            paramLabel = "CAP",
            description = "Drop a capability (CHOWN, NET_RAW, ..., or ALL); drops go before adds.")
    List<String> capDrop = new ArrayList<>();

    @Option(
            names = "--privileged",
            description = "Every capability, no seccomp filter, every device, nothing masked, /sys writable.")
    boolean privileged;

    @Option(
            names = "--cgroupns",
            paramLabel = "private|host",
            description = "The cgroup namespace: the container's own, or the host's (default: private on cgroup v2,"
                    + " host on v1, as Docker).")
    String cgroupns;

    @Option(
            names = "--security-opt",
            paramLabel = "OPTION",
            description = "no-new-privileges (setuid binaries grant nothing more); seccomp=unconfined|PROFILE.json"
                    + " (default: Docker's profile).")
    List<String> securityOpts = new ArrayList<>();

    @Option(
            names = "--oom-score-adj",
            paramLabel = "N",
            description = "How much the OOM killer prefers the container's processes, -1000 to 1000"
                    + " (lowering below the caller's needs CAP_SYS_RESOURCE).")
    Integer oomScoreAdj;

    @Option(
            names = "--network-alias",
            paramLabel = "NAME",
            description = "Another name the container answers to on its network (with --net).")
    List<String> networkAliases = new ArrayList<>();

    @Option(
            names = "--entrypoint",
            paramLabel = "COMMAND",
            description = "Run COMMAND instead of the image's ENTRYPOINT (and not its CMD); \"\" for none.")
    String entrypoint;

    @Option(
            names = {"-w", "--workdir"},
            paramLabel = "DIR",
            description = "Working directory inside the container (default: the image's WORKDIR, else /).")
    String workdir;

    /** Where the container's process starts ({@link RunSpec}): -w, else the image's WORKDIR; / when neither. */
    public static final ContainerConfig.Extension<String> WORKING_DIR =
            new ContainerConfig.Extension<>("workingDir", String.class);

    /** The flags above, parsed once. */
    private HostConfig hostConfig;

    private NetworkAliases aliases;

    /** The image's settings (ENTRYPOINT, WORKDIR, USER), read once it is resolved ({@link #command}). */
    private ImageSettings imageSettings;

    public RunCommand(Engine engine) {
        super(engine);
    }

    @Override
    protected void checkArguments() {
        super.checkArguments();
        if (workdir != null && !workdir.startsWith("/")) {
            throw new IllegalArgumentException("-w " + workdir + ": the working directory must be an absolute path");
        }
        SecurityOpts security = SecurityOpts.parse(securityOpts);
        Spec.Capabilities capabilities = DockerCapabilities.of(capAdd, capDrop, privileged);
        hostConfig = new HostConfig(
                HostConfig.pidsLimit(pidsLimit),
                ulimits.stream().map(HostConfig::ulimit).toList(),
                readOnly,
                tmpfs.stream().map(HostConfig::tmpfs).toList(),
                HostConfig.sysctls(sysctls),
                HostConfig.user(user),
                security.noNewPrivileges(),
                privileged,
                capabilities,
                HostConfig.seccomp(privileged, security, capabilities),
                HostConfig.cgroupns(cgroupns),
                HostConfig.oomScoreAdj(oomScoreAdj));
        aliases = new NetworkAliases(networkAliases);
        if (!networkAliases.isEmpty() && network == null) {
            throw new IllegalArgumentException("--network-alias needs a network: add --net NAME");
        }
    }

    /** Docker's: the image's ENTRYPOINT before the command (or its CMD), unless --entrypoint says otherwise. */
    @Override
    protected List<String> command(Image image) {
        imageSettings = FullImageConfig.of(image.config()).settings();
        return imageSettings.argv(entrypoint, arguments.command());
    }

    @Override
    protected ContainerConfig config(Container container, ResourceConfig resources) {
        ContainerConfig config = super.config(container, resources);
        HostConfig host = hostConfig;
        if (user == null && !imageSettings.user().isEmpty()) {
            try {
                host = host.withUser(HostConfig.user(imageSettings.user()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the image's USER " + imageSettings.user()
                        + " is not UID[:GID] in numbers: give --user UID[:GID] (names are not looked up yet)");
            }
        }
        String cwd = workdir != null ? workdir : imageSettings.workingDir();
        config = config.with(HostConfig.EXTENSION, host);
        if (!aliases.aliases().isEmpty()) {
            config = config.with(NetworkAliases.EXTENSION, aliases);
        }
        return cwd.isEmpty() ? config : config.with(WORKING_DIR, cwd);
    }
}
