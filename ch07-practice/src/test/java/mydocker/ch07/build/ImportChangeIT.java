package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mydocker.ch04.image.Json;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --change/--message}: an imported root filesystem gets a default command, and run honours it. */
@Privileged
class ImportChangeIT {
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    /** A root filesystem tar with only a static busybox, as a Debian rootfs would be imported. */
    private static Path rootfs(Path work) throws Exception {
        Path rootfs = Files.createDirectories(work.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
        Path tar = work.resolve("rootfs.tar");
        Process pack = new ProcessBuilder("tar", "-C", work.resolve("rootfs").toString(), "-cf", tar.toString(), ".")
                .inheritIO()
                .start();
        assertEquals(0, pack.waitFor());
        return tar;
    }

    @Test
    void theChangesAreTheImagesSettingsAndRunHonoursThem(@TempDir Path work) throws Exception {
        Path tar = rootfs(work);
        String id = mydocker.ok(
                        "import",
                        "-c",
                        "ENV GREETING=\"hi there\"",
                        "--change",
                        "WORKDIR /srv/app",
                        "-c",
                        "EXPOSE 8080",
                        "-c",
                        "LABEL org.example.role=test",
                        "-c",
                        "USER 1000:1000",
                        "-c",
                        "CMD [\"/bin/busybox\", \"sh\", \"-c\", \"echo $GREETING; pwd; /bin/busybox id -u\"]",
                        "-m",
                        "a test rootfs",
                        tar.toString(),
                        "changed:1")
                .stdout()
                .strip();
        try {
            assertEquals(
                    "hi there\n/srv/app\n1000\n",
                    mydocker.ok("run", "--rm", "changed:1").stdout());
            assertEquals(
                    "0\n",
                    mydocker.ok("run", "--rm", "-u", "0", "-w", "/", "changed:1", "/bin/busybox", "id", "-u")
                            .stdout(),
                    "run's flags win over the image's");
            JsonNode config = Json.MAPPER.readTree(mydocker.dataRoot()
                    .resolve("image/configs/" + id.substring("sha256:".length()) + ".json")
                    .toFile());
            assertTrue(config.path("config").path("ExposedPorts").has("8080/tcp"), config::toString);
            assertEquals(
                    "test",
                    config.path("config")
                            .path("Labels")
                            .path("org.example.role")
                            .asText());
            List<String> history =
                    mydocker.ok("history", "changed:1").stdout().lines().toList();
            assertEquals(2, history.size(), history::toString);
            assertTrue(history.get(1).endsWith("a test rootfs"), history.get(1));
        } finally {
            mydocker.ok("rmi", "changed:1");
        }
    }

    @Test
    void anEntrypointTakesTheCommandOrTheCmdAsItsArguments(@TempDir Path work) throws Exception {
        Path tar = rootfs(work);
        mydocker.ok(
                "import",
                "-c",
                "ENTRYPOINT [\"/bin/busybox\", \"echo\", \"say\"]",
                "-c",
                "CMD [\"default\"]",
                tar.toString(),
                "echoer:1");
        try {
            assertEquals("say default\n", mydocker.ok("run", "--rm", "echoer:1").stdout());
            assertEquals(
                    "say given\n",
                    mydocker.ok("run", "--rm", "echoer:1", "given").stdout());
            assertEquals(
                    "other\n",
                    mydocker.ok("run", "--rm", "--entrypoint", "/bin/busybox", "echoer:1", "echo", "other")
                            .stdout(),
                    "--entrypoint replaces it, and the image's CMD goes with it");
            List<String> history =
                    mydocker.ok("history", "echoer:1").stdout().lines().toList();
            assertTrue(history.get(1).endsWith("Imported from -"), history::toString);
        } finally {
            mydocker.ok("rmi", "echoer:1");
        }
    }

    @Test
    void aBadChangeIsRefusedBeforeAnythingIsImported(@TempDir Path work) throws Exception {
        Path tar = rootfs(work);
        mydocker.ok("images"); // the store's directory made
        Set<Path> before = files(mydocker.dataRoot());
        for (String change : List.of(
                "RUN echo no",
                "FROM busybox",
                "COPY a /b",
                "EXPOSE 99999",
                "EXPOSE http",
                "ENV =x",
                "NOPE x",
                "CMD",
                "ENV A=\"open",
                "LABEL a=b c")) {
            Result r = mydocker.run("import", "-c", change, tar.toString(), "bad:1");
            assertEquals(125, r.exitCode(), change + ": " + r);
            assertEquals(1, r.stderr().lines().count(), change + ": " + r);
            assertEquals("", r.stdout(), change + ": " + r);
            assertEquals(before, files(mydocker.dataRoot()), change + ": nothing imported");
        }
    }

    private static Set<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root, 3)) { // down to a layer, a container, a scratch area
            return all.map(root::relativize).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
