package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The limit files a group has written, remembered so the reader can see them read back. */
public final class LimitFiles {
    private final Set<Path> written = new LinkedHashSet<>();

    public void write(Path file, Object value) {
        CgroupFile.write(file, value.toString());
        written.add(file);
    }

    Map<Path, String> readBack() {
        Map<Path, String> now = new LinkedHashMap<>();
        written.forEach(file -> now.put(file, CgroupFile.read(file)));
        return now;
    }
}
