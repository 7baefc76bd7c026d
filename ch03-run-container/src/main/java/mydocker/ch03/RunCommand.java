package mydocker.ch03;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mydocker run} (book 3.2-3.4) with Docker's flag names; the book's
 * spellings ({@code -ti}, {@code -cpushare}, {@code -cpuset}) work too. No
 * image yet: the container sees the host's files, in namespaces of its own.
 */
@Command(
        name = "run",
        sortOptions = false,
        description = {
            "Run a command in a new container (new UTS, PID, mount, IPC and network namespaces).",
            "Chapter 3 keeps nothing of a container once it exits, so --rm changes nothing here."
        },
        // picocli reads $$ as an escaped $, so the shell's $$ is written $$$$.
        footer = {
            "",
            "Examples:",
            "  mydocker run -it sh",
            "  mydocker run -m 100m --cpu-shares 512 -- sh -c 'echo $$$$'"
        })
public class RunCommand implements Callable<Integer> {
    @Option(
            names = {"-i", "--interactive"},
            description = "Keep stdin attached (otherwise it is /dev/null).")
    protected boolean interactive;

    @Option(
            names = {"-t", "--tty"},
            description = "Give the container the terminal (Ctrl-C goes to it). The book's -ti.")
    protected boolean tty;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    protected boolean rm;

    @Option(
            names = {"-m", "--memory"},
            paramLabel = "SIZE",
            description = "Memory limit, e.g. 100m, 1g (b, k, m, g).")
    protected String memory;

    @Option(
            names = {"--cpu-shares", "-c", "-cpushare"},
            paramLabel = "N",
            description = "CPU weight relative to 1024 (2-262144).")
    protected Integer cpuShares;

    @Option(
            names = {"--cpuset-cpus", "-cpuset"},
            paramLabel = "LIST",
            description = "CPUs the container may use, e.g. 0, 0-1, 0,1.")
    protected String cpusetCpus;

    @Option(
            names = "--hostname",
            paramLabel = "NAME",
            description = "Hostname inside (default: the ID's first 12 digits).")
    protected String hostname;

    @Option(
            names = "--cgroup-parent",
            paramLabel = "PATH",
            description = "Parent cgroup of the container's group (default: $MYDOCKER_CGROUP_PARENT, else mydocker).")
    String cgroupParentFlag;

    /** --cgroup-parent, checked once in {@link #call}. */
    protected CgroupParent cgroupParent;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** What follows the flags: chapter 3's COMMAND [ARG...], unless a later chapter's run gives its own. */
    @Mixin
    protected final RunArguments arguments;

    private final Engine engine;

    public RunCommand(Engine engine) {
        this(engine, new CommandArguments());
    }

    protected RunCommand(Engine engine, RunArguments arguments) {
        this.engine = engine;
        this.arguments = arguments;
    }

    @Override
    public Integer call() throws IOException {
        ResourceConfig resources =
                Limits.of(memory, cpuShares, cpusetCpus, Files.readString(Path.of("/sys/devices/system/cpu/online")));
        cgroupParent = CgroupParent.of(cgroupParentFlag);
        if (hostname != null) {
            Container.checkHostname(hostname);
        }
        checkArguments();
        Root.require("run");
        return run(Container.withNewId(hostname), resources);
    }

    /** Chapter 3's run needs a command; chapter 4's needs an image. */
    protected void checkArguments() {
        if (arguments.command().isEmpty()) {
            throw new IllegalArgumentException(
                    "\"run\" requires a command (chapter 3 has no images yet)," + " e.g. mydocker run -it sh");
        }
    }

    /** Starts the container and waits for it: the steps and the message are what a chapter adds to. */
    protected int run(Container container, ResourceConfig resources) {
        return new ContainerRun(engine)
                .run(
                        container,
                        List.of(new ContainerLock(cgroupParent), new CgroupLimits(cgroupParent, resources)),
                        new ProcessSpec(
                                        arguments.command(),
                                        environment(container, List.of("PATH=" + LookPath.DEFAULT_PATH)))
                                .message(),
                        interactive || tty);
    }

    /**
     * What Docker gives a container: the image's environment ({@code base};
     * without an image, PATH), then HOSTNAME, HOME, and TERM with -t.
     */
    protected List<String> environment(Container container, List<String> base) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : base) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        env.put("HOSTNAME", container.hostname());
        env.putIfAbsent("HOME", "/root");
        if (tty) {
            env.put("TERM", System.getenv().getOrDefault("TERM", "xterm"));
        }
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }
}
