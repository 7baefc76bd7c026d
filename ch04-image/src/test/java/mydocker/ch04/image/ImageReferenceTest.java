package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    @Test
    void tagDefaultsToLatest() {
        assertEquals(new ImageReference("busybox", "latest"), ImageReference.parse("busybox"));
        assertEquals(new ImageReference("my-app", "1.0"), ImageReference.parse("my-app:1.0"));
        assertEquals(new ImageReference("busybox", "v1_2"), ImageReference.parse("library/busybox:v1_2"));
        assertEquals("busybox:latest", ImageReference.parse("busybox").toString());
    }

    @ParameterizedTest
    @CsvSource({
        "docker.io/library/busybox:latest, busybox:latest",
        "index.docker.io/library/busybox, busybox:latest",
        "docker.io/busybox:1, busybox:1",
        "docker.io/foo/bar, foo/bar:latest",
        "foo/bar:x, foo/bar:x",
        "127.0.0.1:5000/busybox:latest, 127.0.0.1:5000/busybox:latest",
        "localhost:5000/x, localhost:5000/x:latest",
        "localhost/x/y:2, localhost/x/y:2",
        "Registry.Example.com/team/app:v1, Registry.Example.com/team/app:v1",
        "0123456789ab, 0123456789ab:latest"
    })
    void namesAreKeptInDockersShortForm(String given, String kept) {
        assertEquals(kept, ImageReference.parse(given).toString());
    }

    @Test
    void aDigestNamesAnImageById() {
        String digest = "sha256:" + "ab".repeat(32);
        assertEquals(new ImageReference("busybox", null, digest), ImageReference.parse("busybox@" + digest));
        assertEquals(
                new ImageReference("busybox", "1", digest),
                ImageReference.parse("docker.io/library/busybox:1@" + digest));
        assertEquals(null, ImageReference.parse("busybox@" + digest).tagged());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef:v1",
                "docker.io/library/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            })
    void aSixtyFourHexRepositoryIsRefusedAsDockerRefusesIt(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(hex));
        assertTrue(e.getMessage().startsWith("invalid repository name (0123456789abcdef"), e.getMessage());
        assertTrue(e.getMessage().endsWith("), cannot specify 64-byte hexadecimal strings"), e.getMessage());
    }

    /** Whatever the registry prefix Docker Hub is spelt with, the name is the same, and parsing it again changes nothing. */
    @Property
    void theShortFormIsAFixedPoint(@ForAll("names") String name, @ForAll("hubPrefixes") String prefix) {
        ImageReference ref = ImageReference.parse(prefix + name);
        assertEquals(ImageReference.parse(name), ref);
        assertEquals(ref, ImageReference.parse(ref.toString()));
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> component =
                Arbitraries.strings().withChars("abcxyz019").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
        Arbitrary<String> joined =
                Combinators.combine(component, separator, component).as((a, s, b) -> a + s + b);
        return Combinators.combine(Arbitraries.oneOf(component, joined), Arbitraries.of("", ":1.0", ":v_2", ":latest"))
                .as((n, t) -> n + t);
    }

    @Provide
    Arbitrary<String> hubPrefixes() {
        return Arbitraries.of("", "library/", "docker.io/", "docker.io/library/", "index.docker.io/library/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "BusyBox",
                "busybox:",
                ":tag",
                "a//b",
                "-app",
                "app-",
                "bad name",
                "a:b:c",
                "x:.tag",
                "busybox@sha256:123",
                "busybox@md5:" + "0",
                "a/B",
                "-x.com/a",
                "x.com:/a",
                "docker.io/",
                "a@",
                "@sha256:"
            })
    void malformedReferencesAreRefusedNamingTheInput(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad));
        assertTrue(e.getMessage().startsWith("invalid reference format: '" + bad + "'"), e.getMessage());
    }
}
