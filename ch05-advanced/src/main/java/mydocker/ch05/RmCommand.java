package mydocker.ch05;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.image.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mydocker rm} (book 5.6): the container's directory, rw layer and log, and any cgroup left. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove containers.")
public class RmCommand implements Callable<Integer> {
    @Option(names = {"-f", "--force"}, description = "Kill a running container first.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (String name : containers) {
            ContainerConfig config = Containers.resolve(name);
            try (FileChannel lock = Containers.startLock(config.id())) {
                if (Containers.state(config).running()) {
                    if (!force) {
                        throw new IllegalStateException("You cannot remove a running container " + config.id()
                                + ". Stop the container before attempting removal or force remove (rm -f)");
                    }
                    StopCommand.stop(config, 0);
                }
                Path dir = Containers.dir(config.id());
                release(config, dir);
                removeLeftoverCgroups(dir);
                Trees.delete(dir);
                Containers.forgetStartLock(config.id());
            }
            System.out.println(name);
        }
        return 0;
    }

    /** What a later chapter gives back when a container goes (chapter 6: its address). */
    protected void release(ContainerConfig config, Path dir) throws IOException {
    }

    /** The shim removes a container's cgroup when it ends; if the shim was killed, it is done here. */
    private static void removeLeftoverCgroups(Path dir) throws IOException {
        Path list = dir.resolve("cgroups");
        if (Files.exists(list)) {
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank()) {
                    Files.deleteIfExists(Path.of(line));
                }
            }
        }
    }
}
