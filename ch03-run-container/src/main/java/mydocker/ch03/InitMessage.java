package mydocker.ch03;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CLI tells init over the pipe (book 3.4): the command and its
 * environment now; later chapters add their keys (the root filesystem, the
 * volumes). A map of string lists, written with DataOutputStream: the init
 * JVM reads it with classes it has loaded anyway.
 */
public final class InitMessage {
    public static final String ARGV = "argv";
    public static final String ENV = "env";
    /** The container's cgroup directories, which init joins itself ({@code CgroupJoin}, chapter 2). */
    public static final String CGROUPS = "cgroups";

    private final Map<String, List<String>> values;

    public InitMessage(Map<String, List<String>> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** This message with {@code more} added (a key already present is replaced). */
    public InitMessage with(Map<String, List<String>> more) {
        Map<String, List<String>> all = new LinkedHashMap<>(values);
        all.putAll(more);
        return new InitMessage(all);
    }

    public Map<String, List<String>> values() {
        return Map.copyOf(values);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.size());
            for (Map.Entry<String, List<String>> e : values.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (String v : e.getValue()) {
                    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a whole message; a truncated one (the CLI died while writing) is an error. */
    public static InitMessage decode(byte[] encoded) throws EOFException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int keys = in.readInt(); keys > 0; keys--) {
                String key = in.readUTF();
                List<String> list = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    byte[] utf8 = new byte[in.readInt()];
                    in.readFully(utf8);
                    list.add(new String(utf8, StandardCharsets.UTF_8));
                }
                values.put(key, list);
            }
            return new InitMessage(values);
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
