package mydocker.ch04;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageStore;

/**
 * A container made from an image, ready to start: its directory layout, what
 * init is told (command, environment, layers, volumes) and the host steps that
 * go with it. `run` builds one from its flags; chapter 5 also from a
 * container's config.json, to start it detached or again.
 */
public record ImageContainer(
        ContainerLayout layout, ContainerConfig config, InitMessage message, List<Volume> volumes) {

    public static ImageContainer of(Container container, ImageStore store, Image image, ContainerConfig config) {
        List<Path> layers = new ArrayList<>();
        // Overlay lists lowerdirs top first; an image config lists its layers bottom first.
        image.config().diffIds().forEach(id -> layers.add(0, store.layerDir(id)));
        ContainerLayout layout =
                new ContainerLayout(Storage.dataRoot().resolve("containers").resolve(container.id()), layers);
        List<Volume> volumes = config.volumes().stream().map(Volume::parse).toList();
        Map<String, List<String>> message = new HashMap<>(layout.toMessage());
        message.put(InitMessage.ARGV, config.command());
        message.put(InitMessage.ENV, config.env());
        message.put(Volumes.KEY, Volumes.toMessage(volumes));
        return new ImageContainer(layout, config, new InitMessage(message), volumes);
    }

    /** The container's directory, its volumes' host half, and its cgroup. */
    public List<HostStep> hostSteps(boolean removeAtExit, CgroupLimits cgroup) {
        return List.of(new ContainerDir(layout, config, removeAtExit), new Volumes(volumes), cgroup);
    }
}
