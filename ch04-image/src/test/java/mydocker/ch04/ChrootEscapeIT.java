package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why pivot_root and not chroot (book 4.1): the same escape program gets out
 * of a plain chroot on the host — so the test can fail — and stays inside a
 * container, whose old root pivot_root moved away and detached.
 */
@Privileged
class ChrootEscapeIT {
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TempDir
    Path work;

    Path tools;
    Path marker;

    @BeforeEach
    void buildTheEscapeAndAMarkerOnlyTheHostHas() throws Exception {
        tools = Files.createDirectories(work.resolve("tools"));
        Path source = work.resolve("escape.c");
        try (InputStream in = getClass().getResourceAsStream("/escape.c")) {
            Files.copy(in, source);
        }
        // Static, so it runs in a root with no libc: gcc and libc6-dev come from scripts/install-deps.sh.
        assertEquals(
                0, run("gcc", "-static", "-O2", "-o", tools.resolve("escape").toString(), source.toString()), "gcc");
        marker = Files.writeString(work.resolve("host-only-" + UUID.randomUUID()), "host");
    }

    @Test
    void aPlainChrootIsEscaped() throws Exception {
        Path jail = Files.createDirectories(work.resolve("jail"));
        Files.copy(tools.resolve("escape"), jail.resolve("escape"));
        Files.setPosixFilePermissions(jail.resolve("escape"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = new ProcessBuilder("chroot", jail.toString(), "/escape", marker.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals("escaped: " + marker + " is reachable\n", out);
    }

    @Test
    void theContainerIsNot() {
        Result r =
                mydocker.run("run", "--rm", "-v", tools + ":/tools:ro", "busybox", "/tools/escape", marker.toString());
        assertEquals("contained: " + marker + " is not reachable\n", r.stdout(), r::toString);
        assertEquals(1, r.exitCode());
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor();
    }
}
