package mydocker.ch07.oci;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch03.LoopbackUp;
import mydocker.ch04.PivotRoot;
import mydocker.syscall.CloneFlags;

/**
 * What init needs of a bundle to set the container up (book 7.4, runc's
 * init): the root, the mounts in order, whether the root ends read-only,
 * where the process starts, and whether its network namespace is new (then
 * its lo is brought up, as chapter 3 does). Sent as one part of chapter 3's
 * {@link InitMessage}.
 */
public record OciSetup(
        Path rootfs,
        boolean readonly,
        String cwd,
        List<MountSpec> mounts,
        boolean newNetwork,
        Rlimits rlimits,
        ContainerPaths maskedPaths,
        ContainerPaths readonlyPaths,
        RootfsPropagation rootfsPropagation,
        List<DeviceNode> devices,
        Sysctls sysctl,
        ProcessUser user,
        NoNewPrivileges noNewPrivileges,
        Optional<Seccomp> seccomp,
        Optional<Capabilities> capabilities,
        CgroupNamespace cgroupNamespace) {
    public static final InitMessage.Part<OciSetup> PART = new InitMessage.Part<>(
            "oci-setup",
            (out, r) -> {
                out.writeUTF(r.rootfs().toString());
                out.writeBoolean(r.readonly());
                out.writeUTF(r.cwd());
                out.writeInt(r.mounts().size());
                for (MountSpec m : r.mounts()) {
                    out.writeUTF(m.destination());
                    out.writeUTF(m.type());
                    out.writeUTF(m.source());
                    out.writeLong(m.flags());
                    out.writeLong(m.propagation());
                    out.writeUTF(m.data());
                }
                out.writeBoolean(r.newNetwork());
                Rlimits.PART.writer().write(out, r.rlimits());
                InitMessage.writeStrings(out, r.maskedPaths().paths());
                InitMessage.writeStrings(out, r.readonlyPaths().paths());
                out.writeLong(r.rootfsPropagation().flags());
                out.writeInt(r.devices().size());
                for (DeviceNode d : r.devices()) {
                    out.writeUTF(d.path());
                    out.writeInt(d.type());
                    out.writeLong(d.major());
                    out.writeLong(d.minor());
                    out.writeInt(d.permissions());
                    out.writeLong(d.uid());
                    out.writeLong(d.gid());
                }
                Sysctls.PART.writer().write(out, r.sysctl());
                ProcessUser.PART.writer().write(out, r.user());
                NoNewPrivileges.PART.writer().write(out, r.noNewPrivileges());
                Seccomp.PART.writer().write(out, r.seccomp());
                Capabilities.PART.writer().write(out, r.capabilities());
                CgroupNamespace.PART.writer().write(out, r.cgroupNamespace());
            },
            in -> {
                Path rootfs = Path.of(in.readUTF());
                boolean readonly = in.readBoolean();
                String cwd = in.readUTF();
                List<MountSpec> mounts = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    mounts.add(new MountSpec(
                            in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readUTF()));
                }
                return new OciSetup(
                        rootfs,
                        readonly,
                        cwd,
                        mounts,
                        in.readBoolean(),
                        Rlimits.PART.reader().read(in),
                        new ContainerPaths(InitMessage.readStrings(in)),
                        new ContainerPaths(InitMessage.readStrings(in)),
                        new RootfsPropagation(in.readLong()),
                        readDevices(in),
                        Sysctls.PART.reader().read(in),
                        ProcessUser.PART.reader().read(in),
                        NoNewPrivileges.PART.reader().read(in),
                        Seccomp.PART.reader().read(in),
                        Capabilities.PART.reader().read(in),
                        CgroupNamespace.PART.reader().read(in));
            });

    private static List<DeviceNode> readDevices(DataInputStream in) throws IOException {
        List<DeviceNode> devices = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            devices.add(new DeviceNode(
                    in.readUTF(),
                    in.readInt(),
                    in.readLong(),
                    in.readLong(),
                    in.readInt(),
                    in.readLong(),
                    in.readLong()));
        }
        return devices;
    }

    public static OciSetup of(Bundle bundle) {
        return new OciSetup(
                bundle.rootfs(),
                bundle.readonlyRootfs(),
                bundle.cwd(),
                bundle.mounts(),
                (bundle.namespaces().created() & CloneFlags.CLONE_NEWNET) != 0,
                bundle.rlimits(),
                bundle.maskedPaths(),
                bundle.readonlyPaths(),
                bundle.rootfsPropagation(),
                bundle.devices(),
                bundle.sysctl(),
                bundle.user(),
                bundle.noNewPrivileges(),
                bundle.seccomp(),
                bundle.capabilities(),
                bundle.cgroupNamespace());
    }

    /**
     * runc's init, in chapter 3's and 4's steps where they fit: every mount a
     * slave of the host's, lo up in a new network namespace, the root made a
     * mount point, config.json's mounts, its devices and the default ones,
     * pivot_root, the root's propagation, a read-only root if asked, the
     * read-only and masked paths, the working directory, the sysctls. The
     * process's rlimits and user are init's last steps, after the wait for
     * start ({@code RuntimeEngine}).
     */
    public List<InitStep> steps(List<Path> cgroups) {
        return steps(cgroups, List.of());
    }

    /**
     * What comes just before execve, after anything else init does: the
     * rlimits (on execve's thread, the first of its last calls: {@link
     * Rlimits}), then the process's privileges ({@link #privilegeSteps}).
     * BOOK-NOTES, chapter 7.
     */
    public List<InitStep> lastSteps() {
        List<InitStep> steps = new ArrayList<>(List.of(rlimits));
        // A new cgroup namespace: at execve, after the cgroup join (CgroupNamespace), and before the
        // last steps there, which may take away the CAP_SYS_ADMIN it needs.
        steps.addAll(cgroupNamespace.createStep());
        steps.addAll(privilegeSteps(capabilities, user, noNewPrivileges, seccomp));
        return steps;
    }

    /**
     * The process's privileges, for init and exec alike, in runc's order
     * (finalizeNamespace in standard_init_linux.go, and setns_init_linux.go
     * for exec): the bounding set while still root (dropping needs
     * CAP_SETPCAP); the user, after everything that needs root ({@link
     * ProcessUser} keeps the capabilities across the switch); no_new_privs;
     * then, on execve's own thread ({@link InitStep.AtExec}), after the
     * unshare of its descriptor table, which Docker's seccomp profile denies,
     * the seccomp filter and the last capset. Loading a filter without
     * no_new_privs needs CAP_SYS_ADMIN, which that capset may take away, so
     * then the filter goes first (runc loads it before finalizeNamespace);
     * with no_new_privs it needs nothing and goes last, so as few of init's
     * own calls as can be run under it (runc: just before execve). The filter
     * is compiled here, while init can still read the host's library.
     */
    public static List<InitStep> privilegeSteps(
            Optional<Capabilities> capabilities,
            ProcessUser user,
            NoNewPrivileges noNewPrivileges,
            Optional<Seccomp> seccomp) {
        List<InitStep> steps = new ArrayList<>();
        capabilities.ifPresent(c -> steps.add(c.boundingStep()));
        steps.add(user);
        steps.add(noNewPrivileges);
        List<InitStep> filter = seccomp.<List<InitStep>>map(f -> List.of(LoadSeccomp.compile(f)))
                .orElse(List.of());
        List<InitStep> sets =
                capabilities.<List<InitStep>>map(c -> List.of(c.sets())).orElse(List.of());
        steps.addAll(noNewPrivileges.on() ? sets : filter);
        steps.addAll(noNewPrivileges.on() ? filter : sets);
        return steps;
    }

    /**
     * The same, with what an engine does to the root first, in the container's
     * private mount namespace (chapter 7's {@code run}: the image's overlay,
     * where dockerd would have mounted it on the host before calling runc).
     */
    public List<InitStep> steps(List<Path> cgroups, List<InitStep> rootfsSteps) {
        SharedBinds shared = new SharedBinds(mounts);
        // A Bidirectional volume is copied while still a peer of the host's mount, before the cut.
        List<InitStep> steps = new ArrayList<>(List.of(shared.take(), RootfsPropagation.cutFromHost()));
        // A cgroup namespace joined by path: entered while its path resolves on the host.
        steps.addAll(cgroupNamespace.joinStep());
        if (newNetwork) {
            steps.add(new LoopbackUp());
        }
        steps.addAll(rootfsSteps);
        steps.add(new BindRootfs(rootfs));
        steps.add(new OciMounts(rootfs, mounts, cgroups, shared));
        // linux.devices before the defaults, as runc: a default never replaces the config's node.
        steps.add(new LinuxDevices(rootfs, devices));
        steps.add(new DefaultDevices(rootfs));
        steps.add(new PivotRoot(rootfs));
        // After pivot_root, as runc's init: the root's propagation, then read-only and masked paths.
        steps.add(rootfsPropagation.onRoot());
        if (readonly) {
            steps.add(new ReadonlyRootfs());
        }
        // linux.sysctl: written in the container's /proc once its root is in place, and before
        // /proc/sys is made read-only (runc's order).
        steps.add(sysctl);
        steps.add(new ReadonlyPaths(readonlyPaths));
        steps.add(new MaskedPaths(maskedPaths));
        steps.add(new WorkingDirectory(cwd));
        return steps;
    }
}
