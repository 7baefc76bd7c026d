package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rmdir of a group, with a fake rmdir that says EBUSY as the kernel
 * does while a group's last processes are still exiting.
 */
class GroupRemovalTest {
    @TempDir
    Path root;

    /** Busy {@code times} times for {@code busy}, then a real rmdir; every call is written down. */
    private static final class BusyFor implements GroupRemoval.Rmdir {
        final List<Path> calls = new ArrayList<>();
        final Path busy;
        int times;

        BusyFor(Path busy, int times) {
            this.busy = busy;
            this.times = times;
        }

        @Override
        public void rmdir(Path dir) throws IOException {
            calls.add(dir);
            if (dir.equals(busy) && times-- > 0) {
                throw new FileSystemException(dir.toString(), null, "Device or resource busy");
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aGroupBusyAFewTimesIsRemovedOnceItsProcessesHaveLeft() throws IOException {
        Path group = Files.createDirectories(root.resolve("mydocker/c1"));
        BusyFor rmdir = new BusyFor(group, 3);
        new GroupRemoval(rmdir, 5, 0).destroy(List.of(group), CgroupParent.DEFAULT);
        assertFalse(Files.exists(group));
        assertFalse(Files.exists(group.getParent()), "the default parent, once empty");
        assertEquals(List.of(group, group, group, group, group.getParent()), rmdir.calls);
    }

    @Test
    void aGroupThatStaysBusyIsAnErrorNamingItAfterTheLastTry() throws IOException {
        Path group = Files.createDirectories(root.resolve("mydocker/c1"));
        BusyFor rmdir = new BusyFor(group, Integer.MAX_VALUE);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new GroupRemoval(rmdir, 5, 0).destroy(List.of(group), CgroupParent.DEFAULT));
        assertEquals(5, rmdir.calls.size());
        assertTrue(
                e.getMessage().startsWith("cgroup: cannot remove " + group + ": Device or resource busy"),
                e.getMessage());
        assertTrue(Files.isDirectory(group));
    }

    @Test
    void everyDirectoryIsTriedEvenWhenOneFails() throws IOException {
        Path busy = Files.createDirectories(root.resolve("memory/mydocker/c1"));
        Path free = Files.createDirectories(root.resolve("cpu/mydocker/c1"));
        BusyFor rmdir = new BusyFor(busy, Integer.MAX_VALUE);
        assertThrows(
                IllegalStateException.class,
                () -> new GroupRemoval(rmdir, 2, 0).destroy(List.of(busy, free), CgroupParent.DEFAULT));
        assertFalse(Files.exists(free));
    }

    @Test
    void anotherErrorIsNotRetried() throws IOException {
        Path group = Files.createDirectories(root.resolve("mydocker/c1"));
        List<Path> calls = new ArrayList<>();
        GroupRemoval.Rmdir denied = dir -> {
            calls.add(dir);
            throw new FileSystemException(dir.toString(), null, "Permission denied");
        };
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new GroupRemoval(denied, 5, 0).destroy(List.of(group), CgroupParent.DEFAULT));
        assertEquals(List.of(group), calls);
        assertEquals("cgroup: cannot remove " + group + ": Permission denied", e.getMessage());
    }

    @Test
    void aBusyDefaultParentHoldsAnotherContainerAndStays() throws IOException {
        Path group = Files.createDirectories(root.resolve("mydocker/c1"));
        BusyFor rmdir = new BusyFor(group.getParent(), Integer.MAX_VALUE);
        new GroupRemoval(rmdir, 5, 0).destroy(List.of(group), CgroupParent.DEFAULT);
        assertFalse(Files.exists(group));
        assertEquals(List.of(group, group.getParent()), rmdir.calls, "a busy parent is not waited for");
    }
}
