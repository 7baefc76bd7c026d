package mydocker.ch02.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a group goes, the one place it is done (the book's {@code Remove},
 * 3.3): {@code rmdir} of each of its directories, then of the default parent
 * {@code mydocker/} when that is empty.
 *
 * <p>A group's last processes may still be exiting when it is removed (the
 * kernel kills the rest of a container's pid namespace after its PID 1, and
 * they leave the group only once they are gone): rmdir says EBUSY until then,
 * so a busy group is tried again for up to two seconds. A group already gone
 * is fine, so removing twice (the reaper and `rm`) is harmless.
 */
final class GroupRemoval {
    /** {@code rmdir(2)}, as Java says it: nothing if {@code dir} does not exist. */
    interface Rmdir {
        void rmdir(Path dir) throws IOException;
    }

    static final GroupRemoval KERNEL = new GroupRemoval(Files::deleteIfExists, 100, 20);

    private static final String EBUSY = "Device or resource busy";

    private final Rmdir rmdir;
    private final int tries;
    private final long pauseMillis;

    GroupRemoval(Rmdir rmdir, int tries, long pauseMillis) {
        this.rmdir = rmdir;
        this.tries = tries;
        this.pauseMillis = pauseMillis;
    }

    /**
     * Removes every directory of the group, even when one fails (its first
     * failure is thrown), and the parent {@code mydocker/} of each once empty.
     * Only the default parent goes: one the user named (--cgroup-parent) may be
     * a group someone else made, which is not ours to remove.
     */
    void destroy(List<Path> groups, CgroupParent parent) {
        RuntimeException first = null;
        for (Path group : groups) {
            try {
                removeWhenIdle(group);
                if (parent.removeWhenEmpty()) {
                    removeIfEmpty(group.getParent());
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * {@link #destroy(List, CgroupParent)}, then those of {@code made} that are
     * one of the groups' parent levels, when empty, deepest first; anything
     * else in {@code made} is no parent of these groups and is not touched.
     */
    void destroy(List<Path> groups, CgroupParent parent, List<Path> made) {
        destroy(groups, parent);
        int levels = parent.path().isEmpty() ? 0 : Path.of(parent.path()).getNameCount();
        for (Path group : groups) {
            Path level = group.getParent();
            for (int i = 0; i < levels && level != null; i++, level = level.getParent()) {
                if (made.contains(level)) {
                    removeIfEmpty(level);
                }
            }
        }
    }

    private void removeWhenIdle(Path group) {
        for (int tried = 1; ; tried++) {
            try {
                rmdir.rmdir(group);
                return;
            } catch (FileSystemException e) {
                if (!EBUSY.equals(e.getReason())) {
                    throw new IllegalStateException("cgroup: cannot remove " + group + ": " + e.getReason(), e);
                }
                if (tried == tries) {
                    throw new IllegalStateException(
                            "cgroup: cannot remove " + group + ": " + EBUSY + " after " + tries * pauseMillis
                                    + " ms (processes still in it: " + CgroupFile.pids(group) + ")",
                            e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cgroup: cannot remove " + group + ": " + e.getMessage(), e);
            }
            pause();
        }
    }

    /** A cgroup directory with groups in it says EBUSY, a plain one ENOTEMPTY: either way another container is in it. */
    private void removeIfEmpty(Path dir) {
        try {
            rmdir.rmdir(dir);
        } catch (DirectoryNotEmptyException e) {
            // another container's group is still there
        } catch (FileSystemException e) {
            if (!EBUSY.equals(e.getReason())) {
                throw new IllegalStateException("cgroup: cannot remove " + dir + ": " + e.getReason(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cgroup: cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cgroup to empty", e);
        }
    }
}
