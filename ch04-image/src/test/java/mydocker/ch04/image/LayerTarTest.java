package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Syscall;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerTarTest {
    @TempDir
    Path dir;

    private void layOut() throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("bin/tool"), "#!/bin/sh\necho hi\n");
        Syscall.chmod(dir.resolve("bin/tool").toString(), 04755);
        Syscall.chmod(dir.resolve("tmp").toString(), 01777);
        Files.createSymbolicLink(dir.resolve("bin/ls"), Path.of("/bin/tool"));
    }

    @Test
    void entriesKeepTypeModeAndLinkTarget() throws Exception {
        layOut();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(dir, out);
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                seen.add(e.getName() + " " + Integer.toOctalString(e.getMode())
                        + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")
                        + (e.isFile() && !e.isSymbolicLink() ? " " + e.getSize() : ""));
            }
        }
        assertEquals(List.of("bin/ 755", "bin/ls 777 -> /bin/tool", "bin/tool 4755 18", "tmp/ 1777"), seen);
    }

    @Test
    void theDigestIsStableAndFollowsContent() throws Exception {
        layOut();
        String first = LayerTar.digest(dir);
        assertEquals(first, LayerTar.digest(dir));
        Files.writeString(dir.resolve("bin/tool"), "changed");
        assertNotEquals(first, LayerTar.digest(dir));
    }
}
