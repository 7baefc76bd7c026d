package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
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
    List<String> volumeSpecs = new ArrayList<>();

    /** {@link #volumeSpecs}, parsed once. */
    private List<Volume> volumes = List.of();

    /** The same object as chapter 3's {@link #arguments}, with the image. */
    private final ImageArguments imageArguments;

    private final Engine engine;

    public RunCommand(Engine engine) {
        this(engine, new ImageArguments());
    }

    private RunCommand(Engine engine, ImageArguments arguments) {
        super(engine, arguments);
        this.engine = engine;
        this.imageArguments = arguments;
    }

    @Override
    protected void checkArguments() {
        volumes = Volume.parseAll(volumeSpecs);
        if (imageArguments.image == null) {
            throw new IllegalArgumentException(
                    "\"run\" requires at least 1 argument: IMAGE [COMMAND...]," + " e.g. mydocker run -it busybox sh");
        }
    }

    @Override
    protected int run(Container container, ResourceConfig resources) {
        return engine.runAttached(config(container, resources), rm, interactive || tty);
    }

    /** What the container is made of, as its config.json records it: the flags, parsed once. */
    protected ContainerConfig config(Container container, ResourceConfig resources) {
        Image image;
        try {
            image = ImageStore.at(Storage.dataRoot()).resolve(imageArguments.image);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image store: " + e.getMessage(), e);
        }
        List<String> argv = command(image);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("image " + imageArguments.image + " has no default command: give one");
        }
        return new ContainerConfig(
                container.id(),
                image.id(),
                imageArguments.image,
                argv,
                environment(container, image.config().env()),
                volumes,
                resources,
                cgroupParent,
                container.hostname(),
                Instant.now(),
                Map.of()); // a later chapter adds its part (ContainerConfig.Extension)
    }

    /** What the container runs: the command given, else the image's Cmd (a later chapter adds its Entrypoint). */
    protected List<String> command(Image image) {
        return arguments.command().isEmpty() ? image.config().cmd() : arguments.command();
    }
}
