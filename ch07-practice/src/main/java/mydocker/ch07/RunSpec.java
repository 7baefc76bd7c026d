package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Namespaces;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ContainerLayout;
import mydocker.ch04.Volume;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.Spec;
import mydocker.ch07.runc.SpecCommand;

/**
 * The config.json a {@code run} asks the runtime for (book 7.3-7.4: dockerd
 * turns `docker run`'s flags and the image into such a file, and containerd
 * hands it to runc): {@code runc spec}'s defaults — the same kernel
 * filesystems Docker mounts, and /proc's and /sys's masked and read-only
 * paths — with the container's command, environment,
 * hostname, namespaces, volumes as bind mounts, cgroup and limits. The root is
 * the container's overlay, which the engine mounts before the runtime's part
 * ({@link Engine#initSteps}).
 */
final class RunSpec {
    private RunSpec() {}

    static Spec of(ContainerConfig config, ContainerLayout layout) {
        Spec defaults = SpecCommand.defaultSpec();
        List<Spec.Mount> mounts = new ArrayList<>(defaults.mounts());
        for (Volume v : config.volumes()) {
            mounts.add(new Spec.Mount(
                    v.container().toString(),
                    "bind",
                    v.host().toString(),
                    v.readOnly() ? List.of("rbind", "ro") : List.of("rbind")));
        }
        return new Spec(
                defaults.ociVersion(),
                new Spec.Process(false, null, config.command(), config.env(), "/", null, null, null),
                new Spec.Root(layout.merged().toString(), false),
                config.hostname(),
                mounts,
                new Spec.Linux(
                        namespaces(config.container().namespaces()),
                        "/" + config.cgroupParent().path() + "/" + config.id(),
                        resources(config),
                        defaults.linux().maskedPaths(),
                        defaults.linux().readonlyPaths(),
                        null,
                        null,
                        null,
                        null),
                Map.of(),
                null);
    }

    private static List<Spec.Namespace> namespaces(Namespaces namespaces) {
        List<Spec.Namespace> list = new ArrayList<>();
        Bundle.NAMESPACES.forEach((type, flag) -> {
            if ((namespaces.created() & flag) != 0) {
                list.add(new Spec.Namespace(type, null));
            }
        });
        namespaces
                .joined()
                .forEach((path, flag) -> Bundle.NAMESPACES.forEach((type, f) -> {
                    if (f.equals(flag)) {
                        list.add(new Spec.Namespace(type, path.toString()));
                    }
                }));
        return list;
    }

    private static Spec.Resources resources(ContainerConfig config) {
        var r = config.resources();
        return new Spec.Resources(
                new Spec.Memory(r.memoryBytes().orElse(null)),
                new Spec.Cpu(
                        r.cpuShares().map(Long::valueOf).orElse(null),
                        r.cpusetCpus().orElse(null)));
    }
}
