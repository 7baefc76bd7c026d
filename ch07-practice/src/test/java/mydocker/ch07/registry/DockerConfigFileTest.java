package mydocker.ch07.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {
    @Test
    void loginIsKeptAsDockerKeepsItWithEverythingElseInTheFile(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("config.json");
        Files.writeString(
                path, "{\"auths\":{\"other:5000\":{\"auth\":\"Ym9iOnB3\"}},\"credsStore\":\"\",\"psFormat\":\"x\"}");
        DockerConfigFile file = DockerConfigFile.at(path);
        file.store("127.0.0.1:5000", new Credentials("alice", "s3:cret"));
        assertEquals(Optional.of(new Credentials("alice", "s3:cret")), file.credentials("127.0.0.1:5000"));
        assertEquals(Optional.of(new Credentials("bob", "pw")), file.credentials("other:5000"));
        String json = Files.readString(path);
        assertTrue(json.contains("\"auth\" : \"YWxpY2U6czM6Y3JldA==\""), json);
        assertTrue(json.contains("\"psFormat\" : \"x\""), json);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertTrue(file.remove("127.0.0.1:5000"));
        assertFalse(file.remove("127.0.0.1:5000"));
        assertEquals(Optional.empty(), file.credentials("127.0.0.1:5000"));
    }

    @Test
    void aDamagedFileIsOneLineAndLeftAlone(@TempDir Path dir) throws Exception {
        Path path = Files.writeString(dir.resolve("config.json"), "[1,2]");
        DockerConfigFile file = DockerConfigFile.at(path);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> file.store("h:1", new Credentials("a", "b")));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertEquals("[1,2]", Files.readString(path));
    }
}
