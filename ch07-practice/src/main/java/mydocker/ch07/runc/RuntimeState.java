package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch04.JsonFile;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;
import mydocker.ch07.cgroups.Freezer;
import mydocker.ch07.cgroups.RuntimeCgroups;
import mydocker.ch07.oci.Seccomp;

/**
 * {@code <root>/<id>/state.json}: what {@code create} leaves for the later
 * commands of the container's life (book 7.4) — its init, its bundle and
 * root, its cgroup, when it was created, its seccomp filter (runc applies
 * it to exec'd processes too, as create read it). Its status is never stored: it is
 * read from the kernel each time ({@link #status}).
 */
record RuntimeState(
        String id,
        int pid,
        String startTime,
        String bundle,
        String rootfs,
        String created,
        String cgroupParent,
        String cgroupName,
        Map<String, String> annotations,
        List<String> cgroupParentsMade,
        Seccomp seccomp) {
    static final String FILE = "state.json";

    /** The runtime spec's statuses, and runc's paused (its freezer says so). */
    enum Status {
        CREATED,
        RUNNING,
        PAUSED,
        STOPPED;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void write(Path dir) throws IOException {
        AtomicFile.write(dir.resolve(FILE), Json.MAPPER.writeValueAsBytes(this));
    }

    /** The state of the container in {@code dir}; one that has none is not a container (yet). */
    static RuntimeState read(Path dir, String id) throws IOException {
        RuntimeState state;
        try {
            state = JsonFile.read(dir.resolve(FILE), RuntimeState.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("container " + id + " does not exist");
        }
        if (!id.equals(state.id()) || state.pid() <= 0 || state.startTime() == null) {
            throw new IllegalStateException(dir.resolve(FILE) + " is damaged: delete --force " + id + " removes it");
        }
        return state;
    }

    /** runc's state JSON (what {@code state} prints, and {@code list --format json} one per container). */
    Map<String, Object> json(Path dir) {
        Status status = status(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ociVersion", "1.0.2");
        json.put("id", id);
        json.put("pid", status == Status.STOPPED ? 0 : pid);
        json.put("status", status.json());
        json.put("bundle", bundle);
        json.put("rootfs", rootfs);
        json.put("created", created);
        json.put("owner", "");
        json.put("annotations", annotations == null ? Map.of() : annotations);
        return json;
    }

    InitProcess init() {
        return new InitProcess(pid, startTime);
    }

    Status status(Path dir) {
        if (!init().alive()) {
            return Status.STOPPED;
        }
        if (freezer().frozen()) {
            return Status.PAUSED;
        }
        return Files.exists(dir.resolve(ExecFifo.FILE)) ? Status.CREATED : Status.RUNNING;
    }

    /** The container's group, by the parent and name its config gave (checked when it was read). */
    CgroupManager cgroup() {
        CgroupParent.parse(cgroupName); // one plain name, as create checked it
        CgroupParent parent = cgroupParent.isEmpty() ? CgroupParent.ROOT : CgroupParent.parse(cgroupParent);
        return CgroupManager.open(parent, cgroupName, RuntimeCgroups.existing());
    }

    Freezer freezer() {
        return Freezer.of(cgroup());
    }

    /**
     * Removes the container's group and the parent levels its create made
     * (a relative cgroupsPath's {@code testdir/cgrouptest}), when empty;
     * {@link CgroupManager#destroy(List)} takes no level that is not this
     * group's parent, whatever the file says.
     */
    void destroyCgroup() {
        List<String> made = cgroupParentsMade == null ? List.of() : cgroupParentsMade;
        cgroup().destroy(made.stream().map(Path::of).toList());
    }

    static String now() {
        return Instant.now().toString();
    }
}
