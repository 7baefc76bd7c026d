package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.ContainerLock;
import mydocker.ch03.ContainerRun;
import mydocker.ch03.InitMessage;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 3's run, from an image: {@code run [flags] IMAGE [COMMAND...]}. The
 * image's layers become the container's root (overlay + pivot_root), the
 * image's Cmd and Env are the defaults.
 */
@Command(name = "run", sortOptions = false,
        description = "Run a command in a new container made from IMAGE (busybox is built in).",
        footer = {"", "Examples:", "  mydocker run -it busybox", "  mydocker run --rm busybox sh -c 'cat /etc/hostname; ls /'",
                "  mydocker run --rm -v /tmp/data:/data busybox sh -c 'date > /data/now'"})
public class RunCommand extends mydocker.ch03.RunCommand {
    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]",
            description = "Bind a host directory into the container (made if missing); :ro makes it read-only.")
    protected List<String> volumeSpecs = new ArrayList<>();

    private List<Volume> volumes;

    @Override
    protected void checkArguments() {
        volumes = volumeSpecs.stream().map(Volume::parse).toList();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("\"run\" requires at least 1 argument: IMAGE [COMMAND...],"
                    + " e.g. mydocker run -it busybox sh");
        }
    }

    @Override
    protected int run(Container container, ResourceConfig resources) {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        Image image = image(store, command.get(0));
        List<String> argv = command.size() > 1 ? command.subList(1, command.size()) : image.config().cmd();
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("image " + command.get(0) + " has no default command: give one");
        }
        ContainerLayout layout = new ContainerLayout(Storage.dataRoot().resolve("containers").resolve(container.id()),
                layers(store, image));
        Map<String, List<String>> message = new HashMap<>(layout.toMessage());
        message.put(InitMessage.ARGV, argv);
        message.put(InitMessage.ENV, environment(container, image.config().env()));
        message.put(Volumes.KEY, Volumes.toMessage(volumes));
        return new ContainerRun(Main.class).run(container,
                List.of(new ContainerLock(),
                        new ContainerDir(layout, new ContainerConfig(container.id(), image.id(), command.get(0), argv,
                                Instant.now()), rm),
                        new Volumes(volumes), new CgroupLimits(resources)),
                new InitMessage(message), interactive || tty);
    }

    private static Image image(ImageStore store, String reference) {
        try {
            return store.resolve(reference);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image store: " + e.getMessage(), e);
        }
    }

    /** Overlay lists lowerdirs top first; an image config lists its layers bottom first. */
    private static List<Path> layers(ImageStore store, Image image) {
        List<Path> dirs = new ArrayList<>();
        image.config().diffIds().forEach(id -> dirs.add(0, store.layerDir(id)));
        return dirs;
    }
}
