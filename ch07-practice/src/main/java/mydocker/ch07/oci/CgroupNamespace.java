package mydocker.ch07.oci;

import static mydocker.syscall.CloneFlags.CLONE_NEWCGROUP;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * The cgroup namespace ({@code "cgroup"} in {@code linux.namespaces}): its root
 * is the group its creator was in, so inside, {@code /proc/self/cgroup} reads
 * {@code 0::/} — the container neither learns where it sits on the host
 * ({@code /mydocker/<id>}) nor names a group above its own. A new one must be
 * made after the container's group is joined, or its root would be the
 * caller's group, as runc's init unshares it after the parent has put it in
 * its cgroup; ours joins at execve (chapter 3), so the unshare is an {@link
 * InitStep.AtExec} step, made on execve's thread after the join (namespaces
 * are the thread's, and the command keeps that thread's). One joined by path
 * needs no such order: it is entered at once, before pivot_root, while its
 * path still resolves.
 *
 * <p>Either way it needs CAP_SYS_ADMIN, which a switch to a user other than
 * root (an earlier step) has taken away.
 */
public record CgroupNamespace(boolean create, String path) {
    public static final CgroupNamespace NONE = new CgroupNamespace(false, "");

    public static final InitMessage.Part<CgroupNamespace> PART = new InitMessage.Part<>(
            "cgroup-namespace",
            (out, ns) -> {
                out.writeBoolean(ns.create());
                out.writeUTF(ns.path());
            },
            in -> new CgroupNamespace(in.readBoolean(), in.readUTF()));

    /** The cgroup entry of linux.namespaces, if any: new without a path, joined with one. */
    static CgroupNamespace of(List<Spec.Namespace> namespaces) {
        List<Spec.Namespace> cgroup = namespaces.stream()
                .filter(ns -> ns != null && "cgroup".equals(ns.type()))
                .toList();
        Bundle.require(cgroup.size() <= 1, "linux.namespaces", "type cgroup is given twice");
        if (cgroup.isEmpty()) {
            return NONE;
        }
        String path = cgroup.get(0).path();
        if (path == null || path.isEmpty()) {
            return new CgroupNamespace(true, "");
        }
        Bundle.require(
                Path.of(path).isAbsolute() && Files.exists(Path.of(path)),
                "linux.namespaces",
                "cgroup path " + path + " is not an existing absolute path");
        return new CgroupNamespace(false, path);
    }

    /** Joining by path: the first of init's steps. */
    List<InitStep> joinStep() {
        if (path.isEmpty()) {
            return List.of();
        }
        return List.of(() -> enter(path));
    }

    /** Making a new one: on execve's thread, after the cgroup join. */
    List<InitStep> createStep() {
        if (!create) {
            return List.of();
        }
        return List.of((InitStep.AtExec) () -> Syscall.unshare(CLONE_NEWCGROUP));
    }

    /** setns(2) into the cgroup namespace at {@code path} (a /proc/PID/ns/cgroup, or a bind of one). */
    public static void enter(String path) {
        int fd = Syscall.open(path, Syscall.O_RDONLY | Syscall.O_CLOEXEC);
        try {
            Syscall.setns(fd, CLONE_NEWCGROUP);
        } finally {
            Syscall.close(fd);
        }
    }
}
