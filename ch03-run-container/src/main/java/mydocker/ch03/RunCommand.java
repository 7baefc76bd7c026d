package mydocker.ch03;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch02.cgroups.ResourceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker run} (book 3.2-3.4) with Docker's flag names; the book's
 * spellings ({@code -ti}, {@code -cpushare}, {@code -cpuset}) work too. No
 * image yet: the container sees the host's files, in namespaces of its own.
 */
@Command(name = "run", sortOptions = false,
        description = "Run a command in a new container (new UTS, PID, mount, IPC and network namespaces).",
        footer = {"", "Examples:", "  mydocker run -it sh", "  mydocker run -m 100m --cpu-shares 512 -- sh -c 'echo $$'"})
public class RunCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interactive"}, description = "Keep stdin attached (otherwise it is /dev/null).")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the container the terminal (Ctrl-C goes to it). The book's -ti.")
    boolean tty;

    @Option(names = "--rm", description = "Remove the container when it exits (chapter 3 keeps no state, so always).")
    boolean rm;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Memory limit, e.g. 100m, 1g (b, k, m, g).")
    String memory;

    @Option(names = {"--cpu-shares", "-c", "-cpushare"}, paramLabel = "N", description = "CPU weight relative to 1024 (2-262144).")
    Integer cpuShares;

    @Option(names = {"--cpuset-cpus", "-cpuset"}, paramLabel = "LIST", description = "CPUs the container may use, e.g. 0, 0-1, 0,1.")
    String cpusetCpus;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Hostname inside (default: the ID's first 12 digits).")
    String hostname;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("\"run\" requires a command (chapter 3 has no images yet),"
                    + " e.g. mydocker run -it sh");
        }
        ResourceConfig resources = Limits.of(memory, cpuShares, cpusetCpus,
                Files.readString(Path.of("/sys/devices/system/cpu/online")));
        Root.require("run");
        Container container = Container.withNewId(hostname);
        return new ContainerRun(Main.class).run(container,
                List.of(new ContainerLock(), new CgroupLimits(resources)),
                new InitMessage(Map.of(InitMessage.ARGV, command, InitMessage.ENV, environment(container))),
                interactive || tty);
    }

    /** What Docker gives a container without an image: PATH, HOSTNAME, HOME, and TERM with -t. */
    private List<String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", LookPath.DEFAULT_PATH);
        env.put("HOSTNAME", container.hostname());
        env.put("HOME", "/root");
        if (tty) {
            env.put("TERM", System.getenv().getOrDefault("TERM", "xterm"));
        }
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }
}
