package mydocker.ch06;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import mydocker.ch04.image.Json;

/**
 * Reads one of chapter 6's state files (a network, an IPAM bitmap). A file
 * that is empty, truncated, overwritten or missing a field becomes one
 * {@link Damaged} line naming it, never Jackson's multi-line report, so the
 * command that met it can say which file and go on with the others.
 */
final class StateJson {
    private StateJson() {
    }

    /** A state file that cannot be read as what it should hold. */
    static final class Damaged extends IllegalStateException {
        Damaged(Path file, String what, String remedy) {
            super(file + " is damaged (" + what + "): " + remedy);
        }
    }

    /**
     * The file as {@code type}, which must pass {@code whole} (every field
     * there, each one valid); if it is damaged, the error says {@code remedy}.
     */
    static <T> T read(Path file, Class<T> type, Predicate<T> whole, String remedy) {
        try {
            if (Files.size(file) == 0) {
                throw new Damaged(file, "empty", remedy);
            }
            T value = Json.MAPPER.readValue(file.toFile(), type);
            if (value == null || !whole.test(value)) {
                throw new Damaged(file, "fields missing or invalid", remedy);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new Damaged(file, "not valid JSON: truncated or overwritten", remedy);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** For {@link #read}'s check: a field that must parse, e.g. a subnet. */
    static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
