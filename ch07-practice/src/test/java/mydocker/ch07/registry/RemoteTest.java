package mydocker.ch07.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import mydocker.ch04.image.ImageReference;
import org.junit.jupiter.api.Test;

class RemoteTest {
    @Test
    void aNameWithoutARegistryIsDockerHubsOverHttps() {
        Remote busybox = Remote.of(ImageReference.parse("busybox"));
        assertEquals(new Remote("registry-1.docker.io", "library/busybox", false), busybox);
        assertEquals("docker.io/library/busybox", busybox.displayName());
        assertEquals("https://index.docker.io/v1/", busybox.credentialsKey());
        assertEquals("foo/bar", Remote.of(ImageReference.parse("foo/bar:1")).repository());
    }

    @Test
    void loopbackRegistriesArePlainHttpOthersHttps() {
        Remote local = Remote.of(ImageReference.parse("127.0.0.1:5000/a/b:1"));
        assertEquals(new Remote("127.0.0.1:5000", "a/b", true), local);
        assertEquals(URI.create("http://127.0.0.1:5000/v2/a/b/blobs/x"), local.api("blobs/x"));
        assertTrue(Remote.of(ImageReference.parse("localhost:5000/a")).plainHttp());
        assertFalse(Remote.of(ImageReference.parse("registry.example:5000/a")).plainHttp());
    }

    @Test
    void ownsOnlyTheSameSchemeHostAndPort() {
        Remote local = Remote.of(ImageReference.parse("127.0.0.1:5000/a"));
        assertTrue(local.owns(URI.create("http://127.0.0.1:5000/v2/a/blobs/uploads/1?_state=x")));
        assertFalse(local.owns(URI.create("http://127.0.0.1:5001/v2/")));
        assertFalse(local.owns(URI.create("https://127.0.0.1:5000/v2/")));
        assertFalse(local.owns(URI.create("http://127.0.0.2:5000/v2/")));
    }

    @Test
    void aLoginServerIsHostAndPortOnly() {
        assertEquals(
                "127.0.0.1:5000", Remote.server("http://127.0.0.1:5000/v2/").host());
        assertEquals("https://index.docker.io/v1/", Remote.server(null).credentialsKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Remote.server("evil host\n:1"));
        assertTrue(e.getMessage().startsWith("not a registry address"), e.getMessage());
    }
}
