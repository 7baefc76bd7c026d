package mydocker.ch07.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ManifestTest {
    static final String HEX = "a".repeat(64);
    static final String CONFIG =
            "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + HEX + "\",\"size\":7}";

    static String layer(String mediaType, String digest, String size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    static String manifest(String mediaType, String... layers) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + CONFIG + ",\"layers\":["
                + String.join(",", layers) + "]}";
    }

    static String rejection(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Manifest.parse(json.getBytes(UTF_8)))
                .getMessage();
    }

    @Test
    void readsAnOciManifestWithLayersOfEachCompression() {
        Manifest m = Manifest.parse(manifest(
                        MediaType.OCI_MANIFEST.value(),
                        layer(MediaType.OCI_LAYER.value(), "sha256:" + "1".repeat(64), "1"),
                        layer(MediaType.OCI_LAYER_GZIP.value(), "sha256:" + "2".repeat(64), "2"),
                        layer(MediaType.OCI_LAYER_ZSTD.value(), "sha256:" + "3".repeat(64), "3"))
                .getBytes(UTF_8));
        assertEquals(
                MediaType.Compression.ZSTD,
                m.layers().get(2).mediaType().layerCompression().orElseThrow());
        assertEquals(7, m.config().size());
        assertEquals(3, m.layers().get(2).size());
    }

    @Test
    void readsADockerSchema2Manifest() {
        String json = manifest(
                        MediaType.DOCKER_MANIFEST.value(),
                        layer(MediaType.DOCKER_LAYER_GZIP.value(), "sha256:" + HEX, "5"))
                .replace(MediaType.OCI_CONFIG.value(), MediaType.DOCKER_CONFIG.value());
        Manifest m = Manifest.parse(json.getBytes(UTF_8));
        assertEquals(MediaType.DOCKER_MANIFEST, m.mediaType());
        assertEquals(
                MediaType.Compression.GZIP,
                m.layers().get(0).mediaType().layerCompression().orElseThrow());
    }

    @Test
    void refusesAForeignLayerNamingIt() {
        String why = rejection(manifest(
                MediaType.DOCKER_MANIFEST.value(),
                layer("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "sha256:" + HEX, "5")));
        assertEquals(true, why.contains("layers[0].mediaType") && why.contains("foreign layer"), why);
    }

    @Test
    void refusesAnIndexGivenAsAManifest() {
        String why = rejection("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[]}");
        assertEquals(true, why.contains("image index"), why);
    }

    @Test
    void refusesAnArtifactConfig() {
        String why = rejection(manifest(MediaType.OCI_MANIFEST.value())
                .replace(MediaType.OCI_CONFIG.value(), "application/vnd.cncf.helm.config.v1+json"));
        assertEquals(true, why.startsWith("not an image manifest: config.mediaType is application/vnd.cncf"), why);
    }

    @Test
    void namesTheBadFieldOfEachKind() {
        String oci = MediaType.OCI_MANIFEST.value();
        String gz = MediaType.OCI_LAYER_GZIP.value();
        assertEquals(
                "not an image manifest: layers[0].digest \"sha512:00\" is not a digest of the form sha256:<64 hex>",
                rejection(manifest(oci, layer(gz, "sha512:00", "1"))));
        assertEquals(
                "not an image manifest: layers[1].size is -1, not a byte count",
                rejection(manifest(oci, layer(gz, "sha256:" + HEX, "1"), layer(gz, "sha256:" + HEX, "-1"))));
        assertEquals(
                "not an image manifest: layers[0].size is \"1\", not a byte count",
                rejection(manifest(oci, layer(gz, "sha256:" + HEX, "\"1\""))));
        assertEquals(
                "not an image manifest: layers[0].mediaType is text/plain, not a layer tar (plain, gzip or zstd)",
                rejection(manifest(oci, layer("text/plain", "sha256:" + HEX, "1"))));
        assertEquals(
                "not an image manifest: schemaVersion is 1, not 2",
                rejection(manifest(oci).replace("\"schemaVersion\":2", "\"schemaVersion\":1")));
        assertEquals("not an image manifest: the image manifest is not a JSON object", rejection("[]"));
        assertEquals(
                "not an image manifest: config.digest is missing",
                rejection(manifest(oci).replace("\"digest\":\"sha256:" + HEX + "\",", "")));
    }

    @Test
    void refusesAKeyGivenTwice() {
        String gz = MediaType.OCI_LAYER_GZIP.value();
        String twice = manifest(MediaType.OCI_MANIFEST.value(), layer(gz, "sha256:" + HEX, "1"))
                .replace("\"layers\":[", "\"layers\":[],\"layers\":[");
        String why = rejection(twice);
        assertEquals(
                true,
                why.startsWith("not an image manifest: the image manifest is not valid JSON: Duplicate field 'layers'"),
                why);
    }

    @Test
    void refusesMoreThanARegistryWouldServe() {
        String why = rejection(" ".repeat(Manifest.MAX_BYTES) + manifest(MediaType.OCI_MANIFEST.value()));
        assertEquals(true, why.contains("more than the"), why);
    }

    @Property
    void writesWhatItReads(@ForAll @IntRange(max = 5) int count, @ForAll @LongRange(max = 1L << 40) long size) {
        List<Descriptor> layers = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.of(new byte[i]), size + i))
                .toList();
        Manifest m = new Manifest(
                MediaType.OCI_MANIFEST,
                new Descriptor(MediaType.OCI_CONFIG, Digest.of(new byte[] {1}), 1),
                layers,
                Map.of("a", "b"));
        assertEquals(m, Manifest.parse(m.toJson()));
    }
}
