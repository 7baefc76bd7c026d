package mydocker.ch07.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch03.LoopbackUp;
import mydocker.ch03.PrivateMounts;
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
        Sysctls sysctl,
        ProcessUser user) {
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
                Sysctls.PART.writer().write(out, r.sysctl());
                ProcessUser.PART.writer().write(out, r.user());
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
                        Sysctls.PART.reader().read(in),
                        ProcessUser.PART.reader().read(in));
            });

    public static OciSetup of(Bundle bundle) {
        return new OciSetup(
                bundle.rootfs(),
                bundle.readonlyRootfs(),
                bundle.cwd(),
                bundle.mounts(),
                (bundle.namespaces().created() & CloneFlags.CLONE_NEWNET) != 0,
                bundle.rlimits(),
                bundle.sysctl(),
                bundle.user());
    }

    /**
     * runc's init, in chapter 3's and 4's steps where they fit: private mounts,
     * lo up in a new network namespace, the root made a mount point,
     * config.json's mounts, the default devices, pivot_root, a read-only root
     * if asked, the working directory, the sysctls. The process's rlimits and
     * user are init's last steps, after the wait for start ({@code RuntimeEngine}).
     */
    public List<InitStep> steps(List<Path> cgroups) {
        List<InitStep> steps = new ArrayList<>(List.of(new PrivateMounts()));
        if (newNetwork) {
            steps.add(new LoopbackUp());
        }
        steps.add(new BindRootfs(rootfs));
        steps.add(new OciMounts(rootfs, mounts, cgroups));
        steps.add(new DefaultDevices(rootfs));
        steps.add(new PivotRoot(rootfs));
        if (readonly) {
            steps.add(new ReadonlyRootfs());
        }
        steps.add(new WorkingDirectory(cwd));
        // Issue 16 (linux.sysctl): written in the container's /proc once its root is in place.
        // The user switch (process.user) is not here: it comes after AwaitStart, just before execve.
        steps.add(sysctl);
        return steps;
    }
}
