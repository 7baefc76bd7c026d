package mydocker.ch08.api;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch05.ContainerState;
import mydocker.ch05.Containers;
import mydocker.ch05.DetachedStart;

/**
 * {@code GET /containers/{id}/logs} (docker logs [-f] [--tail N]): chapter 5's
 * container.log, framed as Docker's multiplexed stream. The shim writes the
 * container's stdout and stderr into that one file, so all of it comes as
 * stdout (stream 1), and nothing when only stderr is asked for: the engine
 * did not keep them apart (BOOK-NOTES, chapter 8).
 */
final class ContainerLogs {
    static final String CONTENT_TYPE = "application/vnd.docker.multiplexed-stream";
    private static final long FOLLOW_POLL_MILLIS = 100;

    private ContainerLogs() {}

    static ApiResponse of(String id, ApiRequest request) {
        boolean stdout = request.flag("stdout");
        if (!stdout && !request.flag("stderr")) {
            throw ApiError.badRequest("Bad parameters: you must choose at least one stream");
        }
        boolean follow = request.flag("follow");
        int tail = tail(request.param("tail"));
        Path dir = Containers.dir(id);
        Path log = dir.resolve(DetachedStart.LOG);
        return ApiResponse.stream(CONTENT_TYPE, sink -> {
            if (!stdout || !Files.exists(log)) {
                return; // only stderr asked for, or it ran attached: its output went to a terminal
            }
            long position = tail < 0 ? 0 : startOfLastLines(log, tail);
            position = send(log, position, sink);
            while (follow && ContainerState.of(dir).running()) {
                Thread.sleep(FOLLOW_POLL_MILLIS);
                position = send(log, position, sink);
            }
            send(log, position, sink);
        });
    }

    /** {@code tail}: all (-1), or a number of lines. */
    static int tail(String text) {
        if (text == null || text.isEmpty() || text.equals("all")) {
            return -1;
        }
        try {
            int lines = Integer.parseInt(text);
            if (lines >= 0) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest("invalid tail '" + text + "': give all, or 0 or more lines");
    }

    /** Sends what the log holds from {@code position} on, in frames; where it ended. */
    private static long send(Path log, long position, ApiResponse.Sink sink) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(position);
            byte[] buffer = new byte[StdStream.MAX_FRAME];
            int n;
            while ((n = file.read(buffer)) > 0) {
                sink.write(StdStream.frame(StdStream.STDOUT, buffer, n));
                position += n;
            }
        }
        return position;
    }

    /** The offset where the last {@code lines} lines begin (a final line without its newline counts). */
    static long startOfLastLines(Path log, int lines) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long end = file.length();
            if (lines == 0 || end == 0) {
                return end;
            }
            file.seek(end - 1);
            int newlines = file.read() == '\n' ? -1 : 0; // the last line's own newline ends it, not one before it
            byte[] block = new byte[8192];
            long at = end;
            while (at > 0) {
                int size = (int) Math.min(block.length, at);
                at -= size;
                file.seek(at);
                file.readFully(block, 0, size);
                for (int i = size - 1; i >= 0; i--) {
                    if (block[i] == '\n' && ++newlines == lines) {
                        return at + i + 1;
                    }
                }
            }
            return 0;
        }
    }
}
