package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roots {@link Mydocker} makes for a test, driven through its callbacks as
 * JUnit calls them: made fresh, removed after, and what is not theirs — a
 * link's target, a mount's content — never removed with them.
 */
@Privileged
class MydockerIT {
    /** Stands for the host: a directory outside the roots with a file in it that must survive. */
    @TempDir
    Path host;

    private Path canary;

    /** Never run: these tests start no program. */
    private final Mydocker mydocker = Mydocker.of(Object.class);

    @BeforeEach
    void aFileOfTheHosts() throws Exception {
        canary = Files.writeString(host.resolve("canary"), "the host's");
    }

    @Test
    void linksUnderTheRootsAreRemovedAndWhatTheyPointAtIsNot() throws Exception {
        mydocker.beforeEach(null);
        Files.createSymbolicLink(mydocker.dataRoot().resolve("to-the-host"), host);
        Files.createSymbolicLink(mydocker.execRoot().resolve("to-the-file"), canary);
        mydocker.afterEach(null);
        assertFalse(Files.exists(mydocker.dataRoot().getParent()), "the roots are removed");
        assertEquals("the host's", Files.readString(canary));
    }

    @Test
    void aMountLeftUnderTheRootsFailsTheTestNamedAndNothingIsDeletedThroughIt() throws Exception {
        mydocker.beforeEach(null);
        Path volume = Files.createDirectory(mydocker.execRoot().resolve("volume"));
        Host.run("mount", "--bind", host.toString(), volume.toString());
        try {
            AssertionError left = assertThrows(AssertionError.class, () -> mydocker.afterEach(null));
            assertTrue(left.getMessage().contains("[" + volume + "]"), left.getMessage());
            assertEquals("the host's", Files.readString(canary));
            assertTrue(Files.exists(mydocker.dataRoot()), "the roots stay for a look");
        } finally {
            Host.run("umount", volume.toString());
        }
        mydocker.afterEach(null);
        assertFalse(Files.exists(mydocker.dataRoot().getParent()), "removed once unmounted");
    }

    /** On a static field: the data root lives for the class, the exec root for each test. */
    @Test
    void forTheClassTheDataRootOutlivesEachTestAndTheExecRootDoesNot() throws Exception {
        mydocker.beforeAll(null);
        mydocker.beforeEach(null);
        Path image = Files.writeString(mydocker.dataRoot().resolve("image"), "built once");
        Path lock = Files.writeString(mydocker.execRoot().resolve("lock"), "one test's");
        mydocker.afterEach(null);
        mydocker.beforeEach(null);
        assertTrue(Files.exists(image), "the store is kept");
        assertFalse(Files.exists(lock), "a fresh exec root");
        mydocker.afterEach(null);
        mydocker.afterAll(null);
        assertFalse(Files.exists(mydocker.dataRoot().getParent()), "all removed after the class");
    }
}
