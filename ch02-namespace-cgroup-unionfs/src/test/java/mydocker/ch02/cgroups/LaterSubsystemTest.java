package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A later chapter's subsystem beside the book's three (chapter 7 brings the
 * freezer and pids), on temporary directories laid out like v1 hierarchies:
 * its group is made in its own hierarchy, joined, and removed with the parent
 * levels the create made, and only those.
 */
class LaterSubsystemTest {
    @TempDir
    Path root;

    /** A pids controller as a later chapter writes one: its own value, its own file. */
    private static final Subsystem PIDS = new Subsystem() {
        @Override
        public String name() {
            return "pids";
        }

        @Override
        public void setV1(Path group, ResourceConfig resources, LimitFiles limits) {
            limits.write(group.resolve("pids.max"), 7);
        }

        @Override
        public void setV2(Path group, ResourceConfig resources, LimitFiles limits) {
            setV1(group, resources, limits);
        }
    };

    private static final List<Subsystem> WITH_PIDS =
            Stream.concat(Subsystem.ALL.stream(), Stream.of(PIDS)).toList();

    private CgroupMounts v1(String... controllers) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String c : controllers) {
            Files.createDirectories(root.resolve(c));
            lines.add("3" + lines.size() + " 31 0:2" + lines.size() + " / " + root.resolve(c)
                    + " rw - cgroup cgroup rw," + c);
        }
        Files.writeString(root.resolve("cpuset/cpuset.cpus"), "0-1\n");
        Files.writeString(root.resolve("cpuset/cpuset.mems"), "0\n");
        return CgroupMounts.of(MountInfo.parse(lines));
    }

    /** A new v1 cpuset level starts empty; plain directories need the files laid out. */
    private void cpusetLevels(String... dirs) throws IOException {
        for (String d : dirs) {
            Files.createDirectories(root.resolve("cpuset/" + d));
            Files.writeString(root.resolve("cpuset/" + d + "/cpuset.cpus"), "");
            Files.writeString(root.resolve("cpuset/" + d + "/cpuset.mems"), "");
        }
    }

    @Test
    void aLaterSubsystemGetsItsOwnHierarchysGroupAndWritesItsOwnValue() throws IOException {
        cpusetLevels("mydocker", "mydocker/c1");
        CgroupManager group = v1("cpu", "cpuset", "memory", "pids").create(CgroupParent.DEFAULT, "c1", WITH_PIDS);
        group.set(ResourceConfig.none());
        assertEquals("7", Files.readString(root.resolve("pids/mydocker/c1/pids.max")));
        assertEquals(root.resolve("pids/mydocker/c1"), group.path(PIDS));
        assertEquals(4, group.paths().size());
        group.apply(4242);
        assertEquals("4242", Files.readString(root.resolve("pids/mydocker/c1/cgroup.procs")), "joined there too");
    }

    @Test
    void aHierarchyTheHostDoesNotMountIsSaidByName() throws IOException {
        cpusetLevels("mydocker", "mydocker/c1");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> v1("cpu", "cpuset", "memory").create(CgroupParent.DEFAULT, "c1", WITH_PIDS));
        assertTrue(e.getMessage().contains("no cgroup v1 hierarchy for the pids controller"), e.getMessage());
    }

    @Test
    void theRootParentPutsTheGroupRightBelowTheHierarchysRoot() throws IOException {
        cpusetLevels("c1");
        CgroupManager group = v1("cpu", "cpuset", "memory").create(CgroupParent.ROOT, "c1", Subsystem.ALL);
        assertEquals(root.resolve("memory/c1"), group.path(Subsystem.MEMORY));
        assertEquals(List.of(), group.parentsMade());
    }

    @Test
    void theParentLevelsCreateMadeAreRecordedAndNoOthers() throws IOException {
        cpusetLevels("lab", "lab/alice", "lab/alice/c1");
        Files.createDirectories(root.resolve("memory/lab")); // someone else's
        CgroupManager group =
                v1("cpu", "cpuset", "memory").create(CgroupParent.parse("lab/alice"), "c1", Subsystem.ALL);
        assertEquals(
                List.of(root.resolve("cpu/lab"), root.resolve("cpu/lab/alice"), root.resolve("memory/lab/alice")),
                group.parentsMade().stream().sorted().toList(),
                "cpuset's levels were there (laid out above); memory/lab was someone else's");
    }

    @Test
    void removalTakesTheRecordedParentLevelsWhenEmptyAndNothingElse() throws IOException {
        CgroupParent parent = CgroupParent.parse("lab/alice");
        Path group = Files.createDirectories(root.resolve("memory/lab/alice/c1"));
        Path elsewhere = Files.createDirectories(root.resolve("memory/other"));
        Path alice = root.resolve("memory/lab/alice");
        Path lab = root.resolve("memory/lab");
        new GroupRemoval(Files::deleteIfExists, 1, 0).destroy(List.of(group), parent, List.of(alice, elsewhere));
        assertFalse(Files.exists(alice), "made by the create, empty");
        assertTrue(Files.exists(lab), "not made by the create: someone else's");
        assertTrue(Files.exists(elsewhere), "no parent level of this group, whatever the record says");
    }

    @Test
    void aRecordedParentLevelStillInUseStays() throws IOException {
        CgroupParent parent = CgroupParent.parse("lab/alice");
        Path group = Files.createDirectories(root.resolve("memory/lab/alice/c1"));
        Path sibling = Files.createDirectories(root.resolve("memory/lab/alice/c2"));
        Path alice = sibling.getParent();
        new GroupRemoval(Files::deleteIfExists, 1, 0)
                .destroy(List.of(group), parent, List.of(alice, alice.getParent()));
        assertFalse(Files.exists(group));
        assertTrue(Files.exists(sibling), "another container's group keeps its parents");
    }
}
