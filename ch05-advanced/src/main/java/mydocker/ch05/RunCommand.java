package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch04.ContainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 4's run with what chapter 5 adds: {@code -d} (book 5.1), names, and
 * {@code -e} (5.8). Every container now has a state that `ps` reads.
 */
@Command(
        name = "run",
        sortOptions = false,
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {
            "",
            "Examples:",
            "  mydocker run -d --name web busybox httpd -f -p 8080",
            "  mydocker run --rm -e GREETING=hi busybox sh -c 'echo $GREETING'"
        })
public class RunCommand extends mydocker.ch04.RunCommand {
    @Option(
            names = {"-d", "--detach"},
            description = "Run in the background and print the container ID.")
    boolean detach;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Name the container (default: a random adjective_noun).")
    String name;

    @Option(
            names = {"-e", "--env"},
            paramLabel = "KEY[=VALUE]",
            description = "Set an environment variable; KEY alone passes the host's value.")
    List<String> env = new ArrayList<>();

    private final Engine engine;

    public RunCommand(Engine engine) {
        super(engine);
        this.engine = engine;
    }

    @Override
    protected void checkArguments() {
        super.checkArguments();
        env.forEach(Env::check);
        if (name != null) {
            Names.check(name);
        }
        if (detach && (interactive || tty)) {
            throw new IllegalArgumentException("-d cannot be combined with -i or -t: mydocker has no attach");
        }
        if (detach && rm) {
            throw new IllegalArgumentException("--rm cannot be combined with -d yet: remove it with `mydocker rm`");
        }
    }

    @Override
    protected int run(Container container, ResourceConfig resources) {
        ContainerConfig config;
        try {
            config = Containers.create(config(container, resources));
            if (detach) {
                return startDetached(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        int exit = engine.runAttached(config, rm, interactive || tty);
        if (!rm) {
            try {
                ContainerState.exited(Containers.dir(config.id()), exit);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot record how container " + config.id().substring(0, 12) + " ended (exit code " + exit
                                + "): " + e.getMessage(),
                        e);
            }
        }
        return exit;
    }

    private int startDetached(ContainerConfig config) throws IOException {
        try {
            DetachedStart.start(engine, config, Containers.dir(config.id()));
        } catch (IOException | RuntimeException e) {
            removeFailed(config);
            throw e;
        }
        System.out.println(config.id());
        return 0;
    }

    /** A start that failed leaves nothing behind: what `rm -f` would remove goes now. */
    private void removeFailed(ContainerConfig config) {
        try {
            ContainerRemoval.remove(new Containers.Found(config.id(), config, null), true, engine);
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "mydocker: warning: the failed container " + config.id().substring(0, 12)
                            + " is not fully removed (" + e.getMessage() + "): remove it with mydocker rm -f "
                            + config.id().substring(0, 12));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** With the chosen name, if any: {@link Containers#create} picks a free one otherwise. */
    @Override
    protected ContainerConfig config(Container container, ResourceConfig resources) {
        ContainerConfig config = super.config(container, resources);
        return name == null ? config : config.with(Names.NAME, name);
    }

    /** Book 5.8: -e on top of the image's environment and Docker's HOSTNAME/HOME. */
    @Override
    protected List<String> environment(Container container, List<String> base) {
        return Env.merge(super.environment(container, base), env);
    }
}
