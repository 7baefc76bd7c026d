package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.ContainerLock;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch03.Storage;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ImageContainer;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
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
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image resolved = resolve(store);
        ContainerConfig config;
        Path dir = Containers.dir(container.id());
        try {
            config = Containers.create(config(container, resolved));
            if (detach) {
                return startDetached(config, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        ImageContainer image = ImageContainer.of(container, store, resolved, config);
        CgroupLimits cgroup = new CgroupLimits(cgroupParent, resources);
        List<HostStep> steps = new ArrayList<>(List.of(new ContainerLock(cgroupParent)));
        steps.addAll(image.hostSteps(rm, cgroup));
        steps.add(new StateFile(dir, cgroup));
        steps.addAll(extraSteps(config, dir));
        int exit = new ContainerRun(mainClass()).run(container, steps, image.message(), interactive || tty);
        if (!rm) {
            try {
                ContainerState.exited(dir, exit);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot record how container " + config.id().substring(0, 12) + " ended (exit code " + exit
                                + "): " + e.getMessage(),
                        e);
            }
        }
        return exit;
    }

    private int startDetached(ContainerConfig config, Path dir) throws IOException {
        try {
            DetachedStart.start(mainClass(), config, dir);
        } catch (IOException | RuntimeException e) {
            removeFailed(config);
            throw e;
        }
        System.out.println(config.id());
        return 0;
    }

    /** A start that failed leaves nothing behind: what `rm -f` would remove goes now. */
    private static void removeFailed(ContainerConfig config) {
        try {
            ContainerRemoval.remove(
                    new Containers.Found(config.id(), config, null), true, ContainerRemoval.Release.NOTHING);
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "mydocker: warning: the failed container " + config.id().substring(0, 12)
                            + " is not fully removed (" + e.getMessage() + "): remove it with mydocker rm -f "
                            + config.id().substring(0, 12));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected Class<?> mainClass() {
        return Main.class;
    }

    /** What a later chapter adds to a container's start (chapter 6: its network). */
    protected List<HostStep> extraSteps(ContainerConfig config, Path dir) {
        return List.of();
    }

    /** With the chosen name, if any: {@link Containers#create} picks a free one otherwise. */
    @Override
    protected ContainerConfig config(Container container, Image image) {
        return super.config(container, image).withName(name);
    }

    /** Book 5.8: -e on top of the image's environment and Docker's HOSTNAME/HOME. */
    @Override
    protected List<String> environment(Container container, List<String> base) {
        return Env.merge(super.environment(container, base), env);
    }
}
