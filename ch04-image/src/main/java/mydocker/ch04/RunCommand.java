package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.ContainerLock;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.HostStep;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 3's run, from an image: {@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}.
 * The image's layers become the container's root (overlay + pivot_root), the
 * image's Cmd and Env are the defaults.
 */
@Command(
        name = "run",
        sortOptions = false,
        customSynopsis = "mydocker run [OPTIONS] IMAGE [COMMAND [ARG...]]",
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {
            "",
            "Examples:",
            "  mydocker run -it busybox",
            "  mydocker run --rm busybox sh -c 'cat /etc/hostname; ls /'",
            "  mydocker run --rm -v /tmp/data:/data busybox sh -c 'date > /data/now'"
        })
public class RunCommand extends mydocker.ch03.RunCommand {
    @Option(
            names = {"-v", "--volume"},
            paramLabel = "HOST:CONTAINER[:ro]",
            description = "Bind a host directory into the container (made if missing); :ro makes it read-only.")
    protected List<String> volumeSpecs = new ArrayList<>();

    /** The same object as chapter 3's {@link #arguments}, with the image. */
    private final ImageArguments imageArguments;

    public RunCommand() {
        this(new ImageArguments());
    }

    private RunCommand(ImageArguments arguments) {
        super(arguments);
        this.imageArguments = arguments;
    }

    @Override
    protected void checkArguments() {
        Volume.parseAll(volumeSpecs);
        if (imageArguments.image == null) {
            throw new IllegalArgumentException(
                    "\"run\" requires at least 1 argument: IMAGE [COMMAND...]," + " e.g. mydocker run -it busybox sh");
        }
    }

    @Override
    protected int run(Container container, ResourceConfig resources) {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image resolved = resolve(store);
        ImageContainer image = ImageContainer.of(container, store, resolved, config(container, resolved));
        List<HostStep> steps = new ArrayList<>(List.of(new ContainerLock(cgroupParent)));
        steps.addAll(image.hostSteps(rm, new CgroupLimits(cgroupParent, resources)));
        return new ContainerRun(mainClass()).run(container, steps, image.message(), interactive || tty);
    }

    /** The chapter whose init runs in the container. */
    protected Class<?> mainClass() {
        return Main.class;
    }

    /** What the container is made of, as its config.json records it. */
    protected ContainerConfig config(Container container, Image image) {
        List<String> argv = arguments.command().isEmpty() ? image.config().cmd() : arguments.command();
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("image " + imageArguments.image + " has no default command: give one");
        }
        return new ContainerConfig(
                container.id(),
                null,
                image.id(),
                imageArguments.image,
                List.copyOf(argv),
                environment(container, image.config().env()),
                volumeSpecs,
                memory,
                cpuShares,
                cpusetCpus,
                container.hostname(),
                null,
                List.of(),
                Instant.now(),
                cgroupParent.equals(CgroupParent.DEFAULT) ? null : cgroupParent.path());
    }

    protected final Image resolve(ImageStore store) {
        try {
            return store.resolve(imageArguments.image);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image store: " + e.getMessage(), e);
        }
    }
}
