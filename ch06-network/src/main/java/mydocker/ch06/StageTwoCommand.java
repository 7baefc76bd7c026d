package mydocker.ch06;

import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.HostStep;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;

/** Chapter 5's detached start, with the container's network. */
@Command(name = mydocker.ch05.StageTwoCommand.NAME, hidden = true)
public class StageTwoCommand extends mydocker.ch05.StageTwoCommand {
    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    @Override
    protected List<HostStep> extraSteps(ContainerConfig config, Path dir) {
        return RunCommand.steps(config, dir);
    }
}
