package mydocker.ch03;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.Cli;
import picocli.CommandLine;

/**
 * A chapter as a container engine: what its commands ask of the chapter they
 * belong to — which program re-executes itself as the container's init, which
 * commands there are, what init sets up inside the container. Each chapter's
 * {@code Main} builds its engine and runs it; the engine hands itself to every
 * command it makes (picocli's {@link CommandLine.IFactory}), so a command of
 * an earlier chapter, used by a later one, does that later chapter's work.
 * A later chapter's engine extends the last one and overrides only what its
 * book chapter changes.
 */
public class Engine implements CommandLine.IFactory {
    private final Class<?> mainClass;

    /** @param mainClass the chapter's {@code Main}: its {@code @Command} is the program's, and it is re-executed */
    public Engine(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    /** The class whose {@code main} this chapter's init (and, in chapter 5, its second JVM) runs. */
    public final Class<?> mainClass() {
        return mainClass;
    }

    /** The subcommands, in the order of the help. */
    public List<Class<?>> commands() {
        return List.of(RunCommand.class, DoctorCommand.class);
    }

    /**
     * {@code commands} with {@code replaced} swapped for {@code by}, in its
     * place: how a later chapter's {@link #commands} says what it changes (its
     * own `run`, and the commands its book chapter adds beside it).
     */
    protected static List<Class<?>> replace(List<Class<?>> commands, Class<?> replaced, Class<?>... by) {
        List<Class<?>> all = new ArrayList<>(commands);
        int at = all.indexOf(replaced);
        if (at < 0) {
            throw new IllegalArgumentException(replaced + " is not a command of the earlier chapter");
        }
        all.remove(at);
        all.addAll(at, List.of(by));
        return List.copyOf(all);
    }

    /** The set-up inside the container, in order, made from what the CLI sent (book 3.2: mounts). */
    public List<InitStep> initSteps(InitMessage message) {
        return List.of(new PrivateMounts(), new LoopbackUp(), new MountProc());
    }

    /**
     * The program: the container's init when started as one (it skips the CLI:
     * it is started only by `run`, never typed, and every class it loads is
     * paid for on each container start), otherwise the CLI.
     */
    public final void main(String[] args) {
        if (ContainerInit.isInit(args)) {
            new ContainerInit(this::initSteps).run(args);
        }
        System.exit(run(args));
    }

    /** The CLI on {@code args}: its exit code. */
    public final int run(String[] args) {
        return Cli.run(root(), commands(), this, args, Cli.DOCKER_ERROR);
    }

    /** What picocli makes of {@code args}, without running it (for tests of the command line). */
    public final CommandLine commandLine(String[] args) {
        return Cli.commandLine(root(), commands(), this, args);
    }

    private Object root() {
        try {
            return create(mainClass);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A command made with this engine if it takes one (its constructor's one
     * parameter is this engine's class or a superclass of it); anything else as
     * picocli makes it.
     */
    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> constructor : cls.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0].isInstance(this)) {
                return cls.cast(constructor.newInstance(this));
            }
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
