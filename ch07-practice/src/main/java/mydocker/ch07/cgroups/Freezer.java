package mydocker.ch07.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch02.cgroups.CgroupFile;
import mydocker.ch02.cgroups.CgroupManager;

/**
 * {@code pause}/{@code resume} (book 7.3, runc's freezer): the kernel stops
 * every task of the group where it stands, and lets them go again; a process
 * cannot notice or escape it, which is why an engine pauses before it
 * snapshots a container or signals all of it at once. v1 writes
 * {@code FROZEN}/{@code THAWED} to the group's {@code freezer.state} in the
 * freezer hierarchy; v2 writes 1/0 to {@code cgroup.freeze}. Both only ask:
 * freezing takes until every task has stopped (v1 reads {@code FREEZING}
 * until then, v2's {@code cgroup.events} says {@code frozen 1}), so each
 * waits until the state reads back, as runc does, and undoes a freeze that
 * does not complete.
 */
public final class Freezer {
    private static final int TRIES = 1000;
    private static final long PAUSE_MILLIS = 10;

    private final Path file;
    private final boolean v1;

    private Freezer(Path file, boolean v1) {
        this.file = file;
        this.v1 = v1;
    }

    /** The freezer of the group {@code cgroup} (made with {@link RuntimeCgroups}). */
    public static Freezer of(CgroupManager cgroup) {
        boolean v1 = cgroup.version().equals("v1");
        Path dir = cgroup.path(RuntimeCgroups.FREEZER);
        return new Freezer(dir.resolve(v1 ? "freezer.state" : "cgroup.freeze"), v1);
    }

    /** Whether the group is frozen; a group without the file (gone) is not. */
    public boolean frozen() {
        return Files.exists(file) && CgroupFile.read(file).equals(v1 ? "FROZEN" : "1");
    }

    public void freeze() {
        set(true);
    }

    public void thaw() {
        set(false);
    }

    private void set(boolean frozen) {
        String want = v1 ? (frozen ? "FROZEN" : "THAWED") : (frozen ? "1" : "0");
        CgroupFile.write(file, want);
        for (int tried = 1; !reads(frozen); tried++) {
            if (tried == TRIES) {
                if (frozen) {
                    CgroupFile.write(file, v1 ? "THAWED" : "0"); // never leave a group half frozen
                }
                throw new IllegalStateException("cgroup: " + file + " did not read " + want + " within "
                        + TRIES * PAUSE_MILLIS + " ms; the group is left thawed");
            }
            if (v1 && frozen && tried % 10 == 0) {
                CgroupFile.write(file, want); // a task that forked meanwhile may need asking again
            }
            sleep();
        }
    }

    private boolean reads(boolean frozen) {
        if (v1) {
            return CgroupFile.read(file).equals(frozen ? "FROZEN" : "THAWED");
        }
        long events =
                CgroupFile.keyed(file.resolveSibling("cgroup.events"), "frozen").orElse(-1L);
        return events == (frozen ? 1 : 0);
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the freezer", e);
        }
    }
}
