package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Namespaces;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ContainerLayout;
import mydocker.ch04.Volume;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.DockerDevices;
import mydocker.ch07.oci.OomScoreAdj;
import mydocker.ch07.oci.Spec;
import mydocker.ch07.runc.SpecCommand;

/**
 * The config.json a {@code run} asks the runtime for (book 7.3-7.4: dockerd
 * turns `docker run`'s flags and the image into such a file, and containerd
 * hands it to runc): {@code runc spec}'s defaults — the same kernel
 * filesystems Docker mounts, and /proc's and /sys's masked and read-only
 * paths — with the container's command, environment,
 * hostname, namespaces, volumes as bind mounts, cgroup and limits, and what
 * its {@link HostConfig} asks: Docker's capabilities, seccomp profile and
 * device rules unless a flag says otherwise, the user, rlimits, the OOM score, tmpfs
 * mounts, sysctls, a read-only root. The root is the container's overlay,
 * which the engine mounts before the runtime's part ({@link Engine#initSteps}).
 */
final class RunSpec {
    private RunSpec() {}

    /** Docker's masked paths: runc spec's, and the power-capping files (they read out the host's energy use). */
    static final List<String> MASKED_PATHS = List.of(
            "/proc/asound",
            "/proc/acpi",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/sys/firmware",
            "/sys/devices/virtual/powercap");

    static Spec of(ContainerConfig config, ContainerLayout layout) {
        Spec defaults = SpecCommand.defaultSpec();
        HostConfig host = config.get(HostConfig.EXTENSION).orElseGet(HostConfig::defaults);
        List<Spec.Mount> mounts =
                new ArrayList<>(host.privileged() ? writableKernelFiles(defaults.mounts()) : defaults.mounts());
        for (Volume v : config.volumes()) {
            mounts.add(new Spec.Mount(
                    v.container().toString(),
                    "bind",
                    v.host().toString(),
                    v.readOnly() ? List.of("rbind", "ro") : List.of("rbind")));
        }
        mounts.addAll(host.tmpfs());
        return new Spec(
                defaults.ociVersion(),
                new Spec.Process(
                        false,
                        host.user(),
                        config.command(),
                        config.env(),
                        config.get(RunCommand.WORKING_DIR).orElse("/"),
                        host.ulimits(),
                        host.noNewPrivileges(),
                        host.capabilities(),
                        host.oomScoreAdj() == null ? null : new OomScoreAdj(host.oomScoreAdj()).json()),
                new Spec.Root(layout.merged().toString(), host.readOnly()),
                config.hostname(),
                mounts,
                new Spec.Linux(
                        namespaces(config.container().namespaces(), host.cgroupns()),
                        "/" + config.cgroupParent().path() + "/" + config.id(),
                        resources(config),
                        host.privileged() ? List.of() : MASKED_PATHS,
                        host.privileged() ? List.of() : defaults.linux().readonlyPaths(),
                        null,
                        null,
                        host.sysctls(),
                        host.seccomp()),
                Map.of(),
                null);
    }

    /** Docker's privileged container: /sys and the cgroup mount writable, as on the host. */
    private static List<Spec.Mount> writableKernelFiles(List<Spec.Mount> mounts) {
        return mounts.stream()
                .map(m -> m.destination().startsWith("/sys")
                        ? new Spec.Mount(
                                m.destination(),
                                m.type(),
                                m.source(),
                                m.options().stream()
                                        .filter(o -> !o.equals("ro"))
                                        .toList())
                        : m)
                .toList();
    }

    private static List<Spec.Namespace> namespaces(Namespaces namespaces, boolean cgroupns) {
        List<Spec.Namespace> list = new ArrayList<>();
        if (cgroupns) {
            list.add(new Spec.Namespace("cgroup", null));
        }
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

    /** The container's limits: chapter 3's, and {@code --pids-limit}. */
    static Spec.Resources resources(ContainerConfig config) {
        HostConfig host = config.get(HostConfig.EXTENSION).orElseGet(HostConfig::defaults);
        var r = config.resources();
        return new Spec.Resources(
                new Spec.Memory(r.memoryBytes().orElse(null)),
                new Spec.Cpu(
                        r.cpuShares().map(Long::valueOf).orElse(null),
                        r.cpusetCpus().orElse(null)),
                host.pidsLimit() == null ? null : new Spec.Pids(host.pidsLimit()),
                DockerDevices.rules(host.privileged()));
    }
}
