package mydocker.ch07.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
    static final Platform AMD64 = new Platform("linux", "amd64", null);

    static Descriptor image(int n, Platform platform) {
        return new Descriptor(MediaType.OCI_MANIFEST, Digest.of(new byte[] {(byte) n}), n, Map.of(), platform);
    }

    @Test
    void picksTheHostsPlatformPassingOverOthersAndAttestations() {
        ImageIndex index = new ImageIndex(List.of(
                image(1, new Platform("linux", "arm64", "v8")),
                image(2, new Platform("unknown", "unknown", null)),
                image(3, new Platform("linux", "amd64", null)),
                image(4, null)));
        assertEquals(Optional.of(image(3, AMD64)), index.select(AMD64));
    }

    @Test
    void takesAnUnnamedPlatformWhenNoneIsTheHosts() {
        ImageIndex index = new ImageIndex(List.of(image(1, new Platform("linux", "arm64", null)), image(4, null)));
        assertEquals(Optional.of(image(4, null)), index.select(AMD64));
        assertEquals(
                Optional.empty(),
                new ImageIndex(List.of(image(1, new Platform("linux", "s390x", null)))).select(AMD64));
    }

    @Test
    void passesOverEntriesThatAreNotImages() {
        Descriptor signature = new Descriptor(
                new MediaType("application/vnd.dev.cosign.simplesigning.v1+json"), Digest.of(new byte[0]), 0);
        assertEquals(Optional.empty(), new ImageIndex(List.of(signature)).select(AMD64));
    }

    @Test
    void aBaseVariantIsTheSameAsNone() {
        Platform arm64 = new Platform("linux", "arm64", null);
        assertEquals(true, arm64.runs(new Platform("linux", "arm64", "v8")));
        assertEquals(true, AMD64.runs(new Platform("linux", "amd64", "v1")));
        assertEquals(false, AMD64.runs(new Platform("linux", "amd64", "v3")));
        assertEquals(false, new Platform("linux", "arm", "v7").runs(new Platform("linux", "arm", "v6")));
    }

    @Test
    void roundTripsARefNameAndPlatform() {
        ImageIndex index = new ImageIndex(List.of(image(1, AMD64).withAnnotations(Map.of(Descriptor.REF_NAME, "v1"))));
        ImageIndex read = ImageIndex.parse(index.toJson());
        assertEquals(index, read);
        assertEquals(Optional.of("v1"), read.manifests().get(0).refName());
    }

    @Test
    void readsADockerManifestList() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + MediaType.DOCKER_MANIFEST + "\",\"digest\":\"sha256:" + "b".repeat(64)
                + "\",\"size\":527,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        ImageIndex index = ImageIndex.parse(json.getBytes(UTF_8));
        assertEquals(527, index.select(AMD64).orElseThrow().size());
    }

    @Test
    void namesTheBadField() {
        String noManifests = "{\"schemaVersion\":2}";
        String badPlatform = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaType.OCI_MANIFEST
                + "\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":1,\"platform\":{\"os\":\"linux\"}}]}";
        String badAnnotation = "{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"x\":1}}";
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"manifests\":[]}";
        assertEquals("not an image index: manifests is missing", rejection(noManifests));
        assertEquals("not an image index: manifests[0].platform.architecture is missing", rejection(badPlatform));
        assertEquals("not an image index: annotations.x is not a string: 1", rejection(badAnnotation));
        assertEquals(
                "not an image index: mediaType is " + MediaType.OCI_MANIFEST + ", not an image index's",
                rejection(manifest));
    }

    static String rejection(String json) {
        return assertThrows(IllegalArgumentException.class, () -> ImageIndex.parse(json.getBytes(UTF_8)))
                .getMessage();
    }
}
