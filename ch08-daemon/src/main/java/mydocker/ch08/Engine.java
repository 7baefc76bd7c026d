package mydocker.ch08;

import java.util.ArrayList;
import java.util.List;

/**
 * Chapter 7's engine, the same object and steps, with one more command:
 * {@link DaemonCommand}, the engine behind a socket (《Docker源码分析》 ch. 3-5:
 * the daemon, its API server, its routes).
 */
public class Engine extends mydocker.ch07.Engine {
    public Engine(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    public List<Class<?>> commands() {
        List<Class<?>> commands = new ArrayList<>(super.commands());
        commands.add(DaemonCommand.class);
        return commands;
    }
}
