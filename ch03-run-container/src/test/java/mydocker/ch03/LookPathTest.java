package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookPathTest {
    @TempDir
    Path dir;

    @Test
    void searchesThePathInOrder() throws Exception {
        Path first = Files.createDirectories(dir.resolve("a"));
        Path second = Files.createDirectories(dir.resolve("b"));
        Files.writeString(second.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(second.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(first.resolve("tool"), "not executable");
        assertEquals(second.resolve("tool").toString(), LookPath.find("tool", List.of("PATH=" + first + ":" + second)));
    }

    @Test
    void notFoundIs127() {
        ContainerInit.ExecFailure e = assertThrows(
                ContainerInit.ExecFailure.class, () -> LookPath.find("no-such-tool", List.of("PATH=" + dir)));
        assertEquals(127, e.exitCode);
        assertEquals("exec: \"no-such-tool\": executable file not found in $PATH", e.getMessage());
    }

    @Test
    void aPathThatDoesNotExistIs127() {
        ContainerInit.ExecFailure e =
                assertThrows(ContainerInit.ExecFailure.class, () -> LookPath.find(dir + "/missing", List.of()));
        assertEquals(127, e.exitCode);
    }

    @Test
    void aFileThatIsNotExecutableIs126() throws Exception {
        Files.writeString(dir.resolve("data"), "x");
        ContainerInit.ExecFailure e = assertThrows(
                ContainerInit.ExecFailure.class,
                () -> LookPath.find(dir.resolve("data").toString(), List.of()));
        assertEquals(126, e.exitCode);
        assertEquals("exec: \"" + dir.resolve("data") + "\": permission denied", e.getMessage());
    }

    @Test
    void aDirectoryIs126() {
        assertEquals(
                126,
                assertThrows(ContainerInit.ExecFailure.class, () -> LookPath.find(dir.toString(), List.of())).exitCode);
    }

    @Test
    void withoutPathDockersDefaultPathIsSearched() {
        String sh = LookPath.find("sh", List.of("HOME=/root"));
        assertTrue(
                List.of(LookPath.DEFAULT_PATH.split(":"))
                        .contains(Path.of(sh).getParent().toString()),
                sh);
    }
}
