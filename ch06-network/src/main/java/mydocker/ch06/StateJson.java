package mydocker.ch06;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Predicate;
import mydocker.ch04.CorruptFileException;
import mydocker.ch04.JsonFile;

/**
 * Reads one of chapter 6's state files (a network, an IPAM bitmap) with
 * chapter 4's {@link JsonFile}, and checks it is whole. A file that is empty,
 * truncated, overwritten or missing a field becomes one {@link Damaged} line
 * naming it and saying what to do, so the command that met it can go on with
 * the others.
 */
final class StateJson {
    private StateJson() {}

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
        T value;
        try {
            value = JsonFile.read(file, type);
        } catch (CorruptFileException e) {
            throw new Damaged(file, e.reason(), remedy);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (!whole.test(value)) {
            throw new Damaged(file, "fields missing or invalid", remedy);
        }
        return value;
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
