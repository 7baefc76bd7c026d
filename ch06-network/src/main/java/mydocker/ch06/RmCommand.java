package mydocker.ch06;

import java.nio.file.Path;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;

/** Chapter 5's rm, which also gives the container's address back (book 6.3). */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove containers.")
public class RmCommand extends mydocker.ch05.RmCommand {
    @Override
    protected void release(ContainerConfig config, Path dir) {
        Endpoint.release(dir);
    }
}
