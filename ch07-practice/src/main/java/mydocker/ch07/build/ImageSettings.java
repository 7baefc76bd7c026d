package mydocker.ch07.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an image says about the containers made from it: the {@code config}
 * object of its config (OCI image spec, "Properties"), all of it where
 * chapter 4 read only Cmd and Env. An empty string or list means "not set".
 */
public record ImageSettings(
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user,
        Set<String> exposedPorts,
        Map<String, String> labels) {
    public ImageSettings {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        exposedPorts = Set.copyOf(new TreeSet<>(exposedPorts));
        labels = Map.copyOf(labels);
    }

    public static final ImageSettings NONE =
            new ImageSettings(List.of(), List.of(), List.of(), "", "", Set.of(), Map.of());

    /** Read from an image config's {@code config} object, untrusted: each field must have its type. */
    static ImageSettings read(JsonNode config) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = config.path("Labels");
        if (labelNode.isObject()) {
            labelNode.fields().forEachRemaining(e -> labels.put(e.getKey(), text(e.getValue(), "Labels")));
        }
        Set<String> ports = new TreeSet<>();
        JsonNode portNode = config.path("ExposedPorts");
        if (portNode.isObject()) {
            portNode.fieldNames().forEachRemaining(ports::add);
        }
        return new ImageSettings(
                strings(config.path("Entrypoint"), "Entrypoint"),
                strings(config.path("Cmd"), "Cmd"),
                strings(config.path("Env"), "Env"),
                optionalText(config.path("WorkingDir"), "WorkingDir"),
                optionalText(config.path("User"), "User"),
                ports,
                labels);
    }

    /** Written in Docker's field names; fields not set are left out. */
    void writeTo(ObjectNode config) {
        config.removeAll();
        if (!user.isEmpty()) {
            config.put("User", user);
        }
        if (!exposedPorts.isEmpty()) {
            ObjectNode ports = config.putObject("ExposedPorts");
            exposedPorts.forEach(p -> ports.putObject(p));
        }
        if (!env.isEmpty()) {
            env.forEach(config.putArray("Env")::add);
        }
        if (!entrypoint.isEmpty()) {
            entrypoint.forEach(config.putArray("Entrypoint")::add);
        }
        if (!cmd.isEmpty()) {
            cmd.forEach(config.putArray("Cmd")::add);
        }
        if (!workingDir.isEmpty()) {
            config.put("WorkingDir", workingDir);
        }
        if (!labels.isEmpty()) {
            ObjectNode node = config.putObject("Labels");
            new TreeMap<>(labels).forEach(node::put);
        }
    }

    /**
     * What a container runs, as Docker decides it: the Entrypoint followed by
     * the command given to {@code run}, or by the image's Cmd when none is;
     * {@code run --entrypoint} (non-null) replaces the Entrypoint and drops the
     * image's Cmd, and {@code --entrypoint ""} leaves only the command given.
     */
    public List<String> argv(String entrypointFlag, List<String> command) {
        List<String> argv = new ArrayList<>();
        if (entrypointFlag != null) {
            if (!entrypointFlag.isEmpty()) {
                argv.add(entrypointFlag);
            }
            argv.addAll(command);
            return argv;
        }
        argv.addAll(entrypoint);
        argv.addAll(command.isEmpty() ? cmd : command);
        return argv;
    }

    /** The value of {@code name} in Env, or null. */
    public String envValue(String name) {
        String value = null;
        for (String entry : env) {
            if (entry.startsWith(name + "=")) {
                value = entry.substring(name.length() + 1);
            }
        }
        return value;
    }

    ImageSettings withEntrypoint(List<String> value) {
        return new ImageSettings(value, cmd, env, workingDir, user, exposedPorts, labels);
    }

    ImageSettings withCmd(List<String> value) {
        return new ImageSettings(entrypoint, value, env, workingDir, user, exposedPorts, labels);
    }

    /** {@code name=value} replaces an earlier value of {@code name}, in its place. */
    ImageSettings withEnv(String name, String value) {
        List<String> list = new ArrayList<>();
        boolean replaced = false;
        for (String entry : env) {
            if (entry.startsWith(name + "=")) {
                if (!replaced) {
                    list.add(name + "=" + value);
                    replaced = true;
                }
            } else {
                list.add(entry);
            }
        }
        if (!replaced) {
            list.add(name + "=" + value);
        }
        return new ImageSettings(entrypoint, cmd, list, workingDir, user, exposedPorts, labels);
    }

    ImageSettings withWorkingDir(String value) {
        return new ImageSettings(entrypoint, cmd, env, value, user, exposedPorts, labels);
    }

    ImageSettings withUser(String value) {
        return new ImageSettings(entrypoint, cmd, env, workingDir, value, exposedPorts, labels);
    }

    ImageSettings withExposedPort(String port) {
        Set<String> ports = new TreeSet<>(exposedPorts);
        ports.add(port);
        return new ImageSettings(entrypoint, cmd, env, workingDir, user, ports, labels);
    }

    ImageSettings withLabel(String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return new ImageSettings(entrypoint, cmd, env, workingDir, user, exposedPorts, all);
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("not an image config: config." + field + " is not a list of strings");
        }
        node.forEach(n -> out.add(text(n, field)));
        return out;
    }

    private static String optionalText(JsonNode node, String field) {
        return node.isMissingNode() || node.isNull() ? "" : text(node, field);
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(
                    "not an image config: config." + field + " holds " + node + ", not a string");
        }
        return node.asText();
    }
}
