package mydocker.ch03;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CLI tells init over the pipe (book 3.4), as runc's
 * {@code initConfig}: typed values, each a {@link Part} that the chapter which
 * needs it defines next to its value (chapter 3 the command and the cgroup,
 * chapter 4 the root filesystem and the volumes). Init decodes each part once
 * and hands the values to the steps that need them. Written with
 * DataOutputStream, not JSON: the init JVM reads it with classes it has
 * loaded anyway, and every class it loads is paid for on each start.
 */
public final class InitMessage {
    /** One named value of the message, and how it is written and read. */
    public record Part<T>(String name, Writer<T> writer, Reader<T> reader) {}

    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** A list of strings (an argv, an environment). */
    public static Part<List<String>> strings(String name) {
        return new Part<>(name, InitMessage::writeStrings, InitMessage::readStrings);
    }

    /** A list of paths (cgroup directories, image layers). */
    public static Part<List<Path>> paths(String name) {
        return new Part<>(
                name,
                (out, paths) ->
                        writeStrings(out, paths.stream().map(Path::toString).toList()),
                in -> readStrings(in).stream().map(Path::of).toList());
    }

    private final Map<String, byte[]> parts;

    private InitMessage(Map<String, byte[]> parts) {
        this.parts = parts;
    }

    public static InitMessage empty() {
        return new InitMessage(Map.of());
    }

    /** This message with {@code value} as its {@code part} (one already there is replaced). */
    public <T> InitMessage with(Part<T> part, T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            part.writer().write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> all = new LinkedHashMap<>(parts);
        all.put(part.name(), bytes.toByteArray());
        return new InitMessage(all);
    }

    /** The value of {@code part}; the CLI always sends the parts its chapter's init reads. */
    public <T> T get(Part<T> part) {
        byte[] bytes = parts.get(part.name());
        if (bytes == null) {
            throw new IllegalStateException("the message from the CLI has no " + part.name());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return part.reader().read(in);
        } catch (IOException e) {
            throw new IllegalStateException("the " + part.name() + " from the CLI is cut short", e);
        }
    }

    public boolean has(Part<?> part) {
        return parts.containsKey(part.name());
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(parts.size());
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a whole message; a truncated one (the CLI died while writing) is an error. */
    public static InitMessage decode(byte[] encoded) throws EOFException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            Map<String, byte[]> parts = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                parts.put(name, bytes);
            }
            return new InitMessage(parts);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    public static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
        writeStrings(out, paths.stream().map(Path::toString).toList());
    }

    public static List<Path> readPaths(DataInputStream in) throws IOException {
        return readStrings(in).stream().map(Path::of).toList();
    }

    public static List<String> readStrings(DataInputStream in) throws IOException {
        List<String> list = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            byte[] utf8 = new byte[in.readInt()];
            in.readFully(utf8);
            list.add(new String(utf8, StandardCharsets.UTF_8));
        }
        return list;
    }
}
