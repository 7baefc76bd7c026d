package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
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
    @CsvSource(
            delimiter = '|',
            value = {
                "data:/data          | the host path must be absolute, e.g. -v $PWD/data:/data",
                "/srv/data           | expected /host/dir:/container/dir[:ro]",
                "/srv/data:data      | the container path must be absolute and not /",
                "/srv/data:/         | the container path must be absolute and not /",
                "/srv/data:/data:rx  | unknown mode 'rx' (use ro or rw)",
                "/srv/data:/a/../etc | '..' is not allowed in a volume path",
                "/a:/b:ro:x          | expected /host/dir:/container/dir[:ro]",
                "/srv:/proc          | /proc is the kernel's (/proc, /sys and /dev are the container's own): choose another container path",
                "/srv:/proc/sys      | /proc/sys is the kernel's (/proc, /sys and /dev are the container's own): choose another container path",
                "/srv://sys/fs/cgroup | /sys/fs/cgroup is the kernel's (/proc, /sys and /dev are the container's own): choose another container path",
                "/srv:/./dev/        | /dev is the kernel's (/proc, /sys and /dev are the container's own): choose another container path",
                "/srv:/dev/shm:ro    | /dev/shm is the kernel's (/proc, /sys and /dev are the container's own): choose another container path",
            })
    void badSpecsSayWhatIsWrong(String spec, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Volume.parse(spec));
        assertEquals("invalid volume specification '" + spec + "': " + why, e.getMessage());
    }

    @Test
    void aContainerPathGivenTwiceIsRefused() {
        assertEquals(2, Volume.parseAll(List.of("/a:/data", "/a:/data2")).size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Volume.parseAll(List.of("/a:/data", "/b:/data/:ro")));
        assertEquals("duplicate mount point: /data is given in two -v: give each container path once", e.getMessage());
    }
}
