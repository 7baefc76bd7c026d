package mydocker.ch06;

import picocli.CommandLine.Command;

/**
 * Chapter 5's start, through this chapter's second JVM: a stopped container
 * comes back on its network, with its address (the same one if it is still
 * free) and its published ports.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start stopped containers.")
public class StartCommand extends mydocker.ch05.StartCommand {
    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }
}
