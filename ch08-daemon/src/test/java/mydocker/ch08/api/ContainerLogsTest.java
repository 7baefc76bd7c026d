package mydocker.ch08.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogsTest {
    @TempDir
    Path dir;

    private long startOfLast(String content, int lines) throws Exception {
        Path log = Files.writeString(dir.resolve("container.log"), content);
        return ContainerLogs.startOfLastLines(log, lines);
    }

    @Test
    void theLastLinesStartAfterTheNewlineBeforeThem() throws Exception {
        assertEquals("a\nb\n".length(), startOfLast("a\nb\nc\n", 1));
        assertEquals("a\n".length(), startOfLast("a\nb\nc\n", 2));
        assertEquals(0, startOfLast("a\nb\nc\n", 3));
        assertEquals(0, startOfLast("a\nb\nc\n", 10), "more lines than the log: all of it");
        assertEquals("a\nb\n".length(), startOfLast("a\nb\nc", 1), "a last line without its newline counts");
        assertEquals(6, startOfLast("a\nb\nc\n", 0), "none: from the end");
        assertEquals(0, startOfLast("", 5));
    }

    @Test
    void aLongLogIsReadBackwardsAcrossBlocks() throws Exception {
        String line = "x".repeat(5000) + "\n";
        assertEquals(line.length() * 7L, startOfLast(line.repeat(10), 3));
    }

    @Test
    void tailIsAllOrANumberOfLines() {
        assertEquals(-1, ContainerLogs.tail(null));
        assertEquals(-1, ContainerLogs.tail("all"));
        assertEquals(0, ContainerLogs.tail("0"));
        assertEquals(25, ContainerLogs.tail("25"));
        for (String bad : new String[] {"-1", "x", "1.5", "99999999999"}) {
            assertThrows(ApiError.class, () -> ContainerLogs.tail(bad), bad);
        }
    }

    @Test
    void aFrameIsTheStreamThreeZerosTheLengthBigEndianThenThePayload() {
        byte[] payload = new byte[300];
        payload[0] = 'h';
        byte[] framed = StdStream.frame(StdStream.STDOUT, payload, 300);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 1, 44}, java.util.Arrays.copyOf(framed, 8));
        assertEquals(308, framed.length);
        assertEquals('h', framed[8]);
    }
}
