package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeTest {
    @Test
    void specs() {
        assertEquals(new Volume(Path.of("/srv/data"), Path.of("/data"), false), Volume.parse("/srv/data:/data"));
        assertEquals(new Volume(Path.of("/srv/data"), Path.of("/data"), true), Volume.parse("/srv/data:/data:ro"));
        assertEquals(new Volume(Path.of("/srv/data"), Path.of("/data"), false), Volume.parse("/srv/data/:/data:rw"));
        assertEquals("/srv/data:/data:ro", Volume.parse("/srv/data:/data:ro").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data:/data          | the host path must be absolute, e.g. -v $PWD/data:/data",
        "/srv/data           | expected /host/dir:/container/dir[:ro]",
        "/srv/data:data      | the container path must be absolute and not /",
        "/srv/data:/         | the container path must be absolute and not /",
        "/srv/data:/data:rx  | unknown mode 'rx' (use ro or rw)",
        "/srv/data:/a/../etc | '..' is not allowed in a volume path",
        "/a:/b:ro:x          | expected /host/dir:/container/dir[:ro]",
    })
    void badSpecsSayWhatIsWrong(String spec, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Volume.parse(spec));
        assertEquals("invalid volume specification '" + spec + "': " + why, e.getMessage());
    }
}
