package mydocker.ch06;

import mydocker.ch04.ContainerConfig;
import mydocker.ch05.Containers;
import picocli.CommandLine.Command;

/** Chapter 5's stop, which also gives the stopped container's address and ports back. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop running containers.")
public class StopCommand extends mydocker.ch05.StopCommand {
    @Override
    protected void stopped(ContainerConfig config) {
        Endpoint.release(Containers.dir(config.id()));
    }
}
