package mydocker.ch08.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mydocker.ch04.image.Json;

/**
 * The body of {@code POST /containers/create}, read once at the edge into the
 * words of chapter 7's {@code run}: each value attached to its flag
 * ({@code --env=VALUE}) and the image after {@code --}, so nothing a client
 * sends is read as a flag of its own, and every check of
 * its value left to `run`'s own parsing — one way to make a container. What
 * this engine cannot do yet (a terminal, stdin, --rm, the host's or another
 * container's namespaces, devices, mounts other than binds) is refused by
 * name rather than silently dropped; Docker's defaults, which the CLI sends
 * for every field, pass.
 */
record CreateRequest(List<String> runArguments) {
    /** Fields that must keep Docker's default here: the engine has no such flag yet. */
    private static final List<String> CONFIG_UNSUPPORTED =
            List.of("Tty", "OpenStdin", "AttachStdin", "StdinOnce", "Volumes", "Healthcheck", "StopSignal");

    private static final List<String> HOST_UNSUPPORTED = List.of(
            "AutoRemove",
            "Devices",
            "Mounts",
            "VolumesFrom",
            "PidMode",
            "IpcMode",
            "UTSMode",
            "UsernsMode",
            "CgroupParent",
            "Sysctls",
            "Ulimits",
            "Tmpfs",
            "DeviceCgroupRules",
            "Links",
            "ExtraHosts",
            "Dns",
            "DnsSearch",
            "DnsOptions",
            "GroupAdd",
            "Runtime",
            "Isolation",
            "ShmSize",
            "MemorySwap",
            "MemoryReservation",
            "NanoCpus",
            "CpuQuota",
            "CpuPeriod",
            "BlkioWeight",
            "Init");

    static CreateRequest of(byte[] body, String name) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object (the container's config)");
        }
        JsonNode host = root.path("HostConfig");
        refuseNonDefault(root, CONFIG_UNSUPPORTED, "");
        refuseNonDefault(host, HOST_UNSUPPORTED, "HostConfig.");

        List<String> args = new ArrayList<>();
        if (name != null && !name.isEmpty()) {
            args.add("--name=" + (name.startsWith("/") ? name.substring(1) : name));
        }
        for (String env : strings(root, "Env")) {
            args.add("--env=" + env);
        }
        text(root, "WorkingDir").ifPresent(w -> args.add("--workdir=" + w));
        text(root, "User").ifPresent(u -> args.add("--user=" + u));
        text(root, "Hostname").ifPresent(h -> args.add("--hostname=" + h));
        long memory = number(host, "Memory");
        if (memory > 0) {
            args.add("--memory=" + Long.toString(memory));
        }
        long shares = number(host, "CpuShares");
        if (shares > 0) {
            args.add("--cpu-shares=" + Long.toString(shares));
        }
        text(host, "CpusetCpus").ifPresent(c -> args.add("--cpuset-cpus=" + c));
        long pids = number(host, "PidsLimit");
        if (pids > 0) {
            args.add("--pids-limit=" + Long.toString(pids));
        }
        long oom = number(host, "OomScoreAdj");
        if (oom != 0) {
            args.add("--oom-score-adj=" + Long.toString(oom));
        }
        if (host.path("Privileged").asBoolean(false)) {
            args.add("--privileged");
        }
        if (host.path("ReadonlyRootfs").asBoolean(false)) {
            args.add("--read-only");
        }
        for (String cap : strings(host, "CapAdd")) {
            args.add("--cap-add=" + cap);
        }
        for (String cap : strings(host, "CapDrop")) {
            args.add("--cap-drop=" + cap);
        }
        for (String opt : strings(host, "SecurityOpt")) {
            args.add("--security-opt=" + opt);
        }
        for (String bind : strings(host, "Binds")) {
            args.add("--volume=" + bind);
        }
        network(host, args);
        ports(host, args);

        String image = text(root, "Image").orElseThrow(() -> ApiError.badRequest("config has no Image: give one"));
        List<String> entrypoint = strings(root, "Entrypoint");
        List<String> command = new ArrayList<>();
        if (!entrypoint.isEmpty()) {
            // run's --entrypoint names the program; the rest of the list goes before the command, as Docker joins them.
            args.add("--entrypoint=" + entrypoint.get(0));
            command.addAll(entrypoint.subList(1, entrypoint.size()));
        }
        command.addAll(strings(root, "Cmd"));
        args.add("--");
        args.add(image);
        args.addAll(command);
        return new CreateRequest(List.copyOf(args));
    }

    /** NetworkMode: Docker's default bridge does not exist here (a container without --net has loopback only). */
    private static void network(JsonNode host, List<String> args) {
        String mode = host.path("NetworkMode").asText("");
        if (mode.equals("host") || mode.startsWith("container:")) {
            throw ApiError.badRequest("HostConfig.NetworkMode " + mode + " is not supported by this engine");
        }
        if (!List.of("", "default", "bridge", "none").contains(mode)) {
            args.add("--net=" + mode);
        }
    }

    /** PortBindings {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}: -p 8080:80/tcp each. */
    private static void ports(JsonNode host, List<String> args) {
        JsonNode bindings = host.path("PortBindings");
        if (bindings.isMissingNode() || bindings.isNull()) {
            return;
        }
        if (!bindings.isObject()) {
            throw ApiError.badRequest("HostConfig.PortBindings must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = bindings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String[] port = entry.getKey().split("/", 2);
            for (JsonNode binding : entry.getValue()) {
                String hostIp = binding.path("HostIp").asText("");
                if (!hostIp.isEmpty() && !hostIp.equals("0.0.0.0")) {
                    throw ApiError.badRequest("HostConfig.PortBindings " + entry.getKey() + ": HostIp " + hostIp
                            + " is not supported (ports are published on all addresses)");
                }
                String spec =
                        binding.path("HostPort").asText("") + ":" + port[0] + (port.length > 1 ? "/" + port[1] : "");
                args.add("--publish=" + spec);
            }
        }
    }

    private static void refuseNonDefault(JsonNode node, List<String> fields, String prefix) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            boolean isDefault = value.isMissingNode()
                    || value.isNull()
                    || (value.isBoolean() && !value.asBoolean())
                    || (value.isNumber() && value.asLong() == 0)
                    || (value.isTextual() && value.asText().isEmpty())
                    || (value.isContainerNode() && value.isEmpty());
            if (!isDefault) {
                throw ApiError.badRequest(prefix + field + " is not supported by this daemon yet: " + value);
            }
        }
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.asText().isEmpty())) {
            return java.util.Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return java.util.Optional.of(value.asText());
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.badRequest("HostConfig." + field + " must be a whole number");
        }
        return value.asLong();
    }

    /** A list of strings; Docker also takes one string for Cmd and Entrypoint. */
    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw ApiError.badRequest(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiError.badRequest(field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
