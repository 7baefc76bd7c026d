package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import mydocker.ch04.image.Json;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tag} and {@code inspect}: Docker's names and Docker's JSON for what the engine keeps. */
@Privileged
class InspectIT {
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    @Test
    void aTagIsOneMoreNameOfTheSameImage() throws Exception {
        String id = mydocker.ok("inspect", "-f", "{{.Id}}", "busybox").stdout().strip();
        assertEquals(
                "", mydocker.ok("tag", "busybox", "127.0.0.1:5000/tools/box:1").stdout());
        try {
            JsonNode image = Json.MAPPER.readTree(
                    mydocker.ok("inspect", "127.0.0.1:5000/tools/box:1").stdout());
            assertEquals(id, image.get(0).path("Id").asText());
            assertTrue(
                    image.get(0).path("RepoTags").toString().contains("\"127.0.0.1:5000/tools/box:1\""),
                    image::toString);
            assertTrue(image.get(0).path("RepoTags").toString().contains("\"busybox:latest\""), image::toString);
            assertEquals("layers", image.get(0).path("RootFS").path("Type").asText());
            assertEquals(1, image.get(0).path("RootFS").path("Layers").size());
            assertTrue(image.get(0).path("Size").asLong() > 0, image::toString);
        } finally {
            mydocker.ok("rmi", "127.0.0.1:5000/tools/box:1");
        }
        for (List<String> bad : List.of(
                List.of("tag", "busybox", "box@sha256:" + "0".repeat(64)),
                List.of("tag", "no-such-image", "box:1"),
                List.of("tag", "busybox", "Upper:1"))) {
            Result r = mydocker.run(bad.toArray(String[]::new));
            assertEquals(125, r.exitCode(), bad + ": " + r);
            assertEquals(1, r.stderr().lines().count(), bad + ": " + r);
        }
    }

    @Test
    void aContainerIsInspectedBeforeAnImageOfTheSameName() throws Exception {
        String id = mydocker.ok("run", "-d", "--name", "busybox", "-w", "/tmp", "busybox", "sleep", "60")
                .stdout()
                .strip();
        try {
            JsonNode c = Json.MAPPER
                    .readTree(mydocker.ok("inspect", "busybox").stdout())
                    .get(0);
            assertEquals(id, c.path("Id").asText());
            assertEquals("/busybox", c.path("Name").asText());
            assertEquals("sleep", c.path("Path").asText());
            assertEquals("[\"60\"]", c.path("Args").toString());
            assertEquals("running", c.path("State").path("Status").asText());
            assertTrue(c.path("State").path("Pid").asInt() > 0, c::toString);
            assertEquals("/tmp", c.path("Config").path("WorkingDir").asText());
            assertEquals(
                    "sha256:",
                    mydocker.ok("inspect", "--type", "image", "-f", "{{.Id}}", "busybox")
                            .stdout()
                            .substring(0, 7));
        } finally {
            mydocker.ok("rm", "-f", "busybox");
        }
        Result gone = mydocker.run("inspect", "--type", "container", "busybox");
        assertEquals(125, gone.exitCode(), gone::toString);
        Result template = mydocker.run("inspect", "-f", "{{range .RepoTags}}{{.}}{{end}}", "busybox");
        assertEquals(125, template.exitCode(), template::toString);
        assertEquals(1, template.stderr().lines().count(), template::toString);
        assertEquals("", template.stdout());
    }
}
