package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CgroupParentTest {
    @TempDir
    Path root;

    @Test
    void absoluteAndRelativeNameTheSameGroup() {
        assertEquals("lab/alice", CgroupParent.parse("/lab/alice").path());
        assertEquals("lab/alice", CgroupParent.parse("lab/alice").path());
        assertEquals(CgroupParent.DEFAULT, CgroupParent.parse("mydocker"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "..",
                "a/..",
                "../x",
                "a//b",
                "a/./b",
                "a/",
                "-x",
                "a b",
                "a/b\n",
                "x/.",
                "1/2/3/4/5/6/7/8/9"
            })
    void aPathThatIsNotPlainNamesIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CgroupParent.parse(text));
        assertTrue(e.getMessage().startsWith("invalid cgroup parent"), e.getMessage());
    }

    @Test
    void aNestedParentIsMadeLevelByLevelWithControllersEnabledAndLeftInPlace() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory\n");
        // The kernel fills these in each new group; plain directories need them laid out.
        for (String level : List.of("lab", "lab/alice")) {
            Files.createDirectories(root.resolve(level));
            Files.writeString(root.resolve(level + "/cgroup.controllers"), "cpu memory\n");
        }
        CgroupManager group = CgroupMounts.of(
                        MountInfo.parse(List.of("30 1 0:26 / " + root + " rw - cgroup2 cgroup2 rw")))
                .create(CgroupParent.parse("/lab/alice"), "c1", Subsystem.ALL);
        assertEquals(List.of(root.resolve("lab/alice/c1")), group.paths());
        for (String level : List.of("", "lab/", "lab/alice/")) {
            assertEquals("+memory +cpu", Files.readString(root.resolve(level + "cgroup.subtree_control")), level);
        }
        // Plain directories: remove what the kernel would not have there.
        for (String file : List.of("cgroup.controllers")) {
            Files.deleteIfExists(root.resolve("lab/alice/c1/" + file));
        }
        group.destroy();
        assertFalse(Files.exists(root.resolve("lab/alice/c1")));
        assertTrue(Files.isDirectory(root.resolve("lab/alice")), "a parent the user named is not ours to remove");
    }
}
