package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {
    private static List<String> excluded(Path dir, String ignore, String... paths) throws Exception {
        Files.writeString(dir.resolve(".dockerignore"), ignore);
        DockerIgnore rules = DockerIgnore.read(dir.resolve(".dockerignore"));
        return List.of(paths).stream().filter(p -> rules.excludes(Path.of(p))).toList();
    }

    @Test
    void patternsParentsAndExceptionsAsDockers(@TempDir Path dir) throws Exception {
        assertEquals(
                List.of("secret.key", "build", "build/out.o", "src/a.tmp", "src/deep/b.tmp", "notes.md"),
                excluded(
                        dir,
                        "# comment\n\n*.key\n/build/\n**/*.tmp\n*.md\n!README.md\n",
                        "secret.key",
                        "build",
                        "build/out.o",
                        "src/a.tmp",
                        "src/deep/b.tmp",
                        "notes.md",
                        "README.md",
                        "src/main.c",
                        "sub/secret.key"));
        assertEquals(List.of("a", "a/x"), excluded(dir, "*\n!keep\n", "a", "a/x", "keep", "keep/file"));
        assertEquals(List.of(), excluded(dir, "../\n\n", "x"), "a pattern above the top matches nothing in it");
    }

    @Test
    void noFileLeavesNothingOut(@TempDir Path dir) throws Exception {
        assertEquals(false, DockerIgnore.read(dir.resolve(".dockerignore")).excludes(Path.of("x")));
    }
}
