package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's container argument, as Docker reads it: a name, a full ID or a unique ID prefix. */
class ContainersTest {
    @TempDir
    Path root;

    private String find(String word) throws Exception {
        return Containers.find(root, word).id();
    }

    private String refusal(String word) {
        return assertThrows(IllegalArgumentException.class, () -> Containers.find(root, word))
                .getMessage();
    }

    @Test
    void aNameAFullIdAndAUniquePrefixEachFindTheirContainer() throws Exception {
        String web = ContainerDirs.id("abc1");
        String db = ContainerDirs.id("abc2");
        ContainerDirs.make(root, web, "web");
        ContainerDirs.make(root, db, "db");
        assertEquals(web, find("web"));
        assertEquals(db, find(db));
        assertEquals(web, find("abc1"));
        assertEquals("web", Containers.find(root, "abc1").name());
    }

    @Test
    void anAmbiguousPrefixAndAnUnknownWordAreRefusedByName() {
        ContainerDirs.make(root, ContainerDirs.id("abc1"), "web");
        ContainerDirs.make(root, ContainerDirs.id("abc2"), "db");
        assertEquals("Multiple IDs found with prefix: abc (give more digits or the name)", refusal("abc"));
        assertEquals("No such container: nosuch", refusal("nosuch"));
        assertEquals("No such container: abc3", refusal("abc3"));
    }

    /** Docker looks names up first: a container named like another's ID prefix is found by its name. */
    @Test
    void aNameWinsOverAnIdPrefix() throws Exception {
        String named = ContainerDirs.id("ffff");
        ContainerDirs.make(root, ContainerDirs.id("abc1"), "x");
        ContainerDirs.make(root, named, "abc1");
        assertEquals(named, find("abc1"));
    }

    /** A prefix is hex digits only: a word with a regex or path in it never matches a directory. */
    @Test
    void onlyHexDigitsArePrefixes() {
        ContainerDirs.make(root, ContainerDirs.id("abc1"), "web");
        for (String word : new String[] {"ab.", "a*", "ABC1", "../abc1", ""}) {
            assertEquals("No such container: " + word, refusal(word), word);
        }
    }

    /** A container whose config.json is broken is still found by its ID (so `rm -f` can remove it), never by a name. */
    @Test
    void aContainerWithABrokenConfigIsFoundByIdOnlyAndSaysSo() throws Exception {
        String id = ContainerDirs.id("dead");
        Path dir = ContainerDirs.make(root, id, "broken");
        Files.writeString(dir.resolve("config.json"), "{not json");
        Containers.Found found = Containers.find(root, "dea");
        assertNull(found.config());
        IllegalStateException e = assertThrows(IllegalStateException.class, found::readableConfig);
        assertTrue(e.getMessage().startsWith("container dead00000000: config.json is corrupt ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): remove it with mydocker rm -f dead00000000"), e.getMessage());
        assertEquals("No such container: broken", refusal("broken"));
    }

    /** Half-made and half-removed directories ({@code .new-<id>}, {@code .rm-<id>}) are no containers. */
    @Test
    void scratchDirectoriesAreNotContainers() throws Exception {
        String id = ContainerDirs.id("abc1");
        ContainerDirs.make(root, id, "web");
        Files.move(root.resolve(id), root.resolve(".rm-" + id));
        ContainerDirs.make(root, ContainerDirs.id("abc2"), "half");
        Files.move(root.resolve(ContainerDirs.id("abc2")), root.resolve(".new-" + ContainerDirs.id("abc2")));
        assertEquals("No such container: web", refusal("web"));
        assertEquals("No such container: abc", refusal("abc"));
        assertEquals(0, Containers.list(root).size());
    }
}
