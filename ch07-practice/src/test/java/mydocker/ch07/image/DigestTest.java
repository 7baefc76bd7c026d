package mydocker.ch07.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class DigestTest {
    @Property
    void onlySha256With64LowercaseHexIsADigest(@ForAll String text) {
        Assume.that(!text.matches("sha256:[0-9a-f]{64}"));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:" + text));
    }

    @Property
    void aDigestIsItsOwnFileName(@ForAll byte[] bytes) {
        Digest d = Digest.of(bytes);
        assertEquals(d, Digest.parse("sha256:" + d.hex()));
        assertEquals(true, d.hex().matches("[0-9a-f]{64}"));
    }

    @org.junit.jupiter.api.Test
    void pathTricksAreNotDigests() {
        for (String bad :
                new String[] {"sha256:../../etc/passwd", "sha256:" + "A".repeat(64), "sha256:/" + "a".repeat(63)}) {
            assertThrows(IllegalArgumentException.class, () -> Digest.parse(bad), bad);
        }
    }
}
