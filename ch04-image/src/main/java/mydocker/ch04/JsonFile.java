package mydocker.ch04;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import mydocker.ch04.image.Json;

/**
 * Reads one of the engine's JSON state files (a container's; chapter 6's
 * networks and IPAM too), once, at the edge: the value, or a
 * {@link CorruptFileException} that names the file with a short reason
 * (never Jackson's two lines naming no file). A missing file is a
 * {@link NoSuchFileException}: whether that is normal is the caller's call
 * (no state.json yet is a container that never started).
 */
public final class JsonFile {
    private static final int REASON_LENGTH = 80;

    private JsonFile() {}

    public static <T> T read(Path file, Class<T> type) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // A directory in its place, an I/O error: the file is there but unusable.
            throw new CorruptFileException(
                    file,
                    e instanceof FileSystemException f && f.getReason() != null
                            ? f.getReason()
                            : String.valueOf(e.getMessage()));
        }
        CorruptFileException.require(bytes.length > 0, file, "it is empty");
        T value;
        try {
            value = Json.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, shorten(Json.problem(e)));
        }
        CorruptFileException.require(value != null, file, "it holds null");
        return value;
    }

    private static String shorten(String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() > REASON_LENGTH ? line.substring(0, REASON_LENGTH - 1) + "…" : line;
    }
}
