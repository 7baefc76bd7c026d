package mydocker.ch07.oci;

import static mydocker.ch07.oci.DeviceCgroupRule.ANY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * What the device cgroup lets the container's processes open or mknod
 * (chapter 7): {@code linux.resources.devices} in order, then runc's own
 * allowed devices (the default nodes, the ptys, mknod of any device), as runc
 * appends them — a config cannot take them away. {@link #rules} is that list,
 * as cgroup v1's {@code devices.allow}/{@code devices.deny} take it one line
 * at a time.
 *
 * <p>What the list means is the kernel's v1 model, which runc's {@code
 * devices.Emulator} follows: a default (allow or deny all, which a rule of
 * type {@code a} sets, dropping every exception) and a set of exceptions (a
 * rule against the default adds its access; one with it takes its access away
 * from the exception of exactly those numbers). {@link #defaultAllow} and
 * {@link #exceptions} are the result: what cgroup v2's eBPF filter says, so
 * both versions allow the same. A rule that would take access away from part
 * of a wildcard exception ({@code deny c 1:3} after {@code allow c *:*}) is
 * refused when config.json is read: v1 would silently leave the access, as
 * runc refuses it too.
 */
public record DeviceCgroup(List<DeviceCgroupRule> rules, boolean defaultAllow, List<DeviceCgroupRule> exceptions) {
    /** runc's AllowedDevices (libcontainer/specconv), appended after the config's rules. */
    private static final List<Default> RUNC_DEFAULTS = List.of(
            Default.of(null, 'c', ANY, ANY, "m"), // mknod of any device: opening it is what is checked
            Default.of(null, 'b', ANY, ANY, "m"),
            Default.of("/dev/null", 'c', 1, 3, "rwm"),
            Default.of("/dev/random", 'c', 1, 8, "rwm"),
            Default.of("/dev/full", 'c', 1, 7, "rwm"),
            Default.of("/dev/tty", 'c', 5, 0, "rwm"),
            Default.of("/dev/zero", 'c', 1, 5, "rwm"),
            Default.of("/dev/urandom", 'c', 1, 9, "rwm"),
            Default.of(null, 'c', 136, ANY, "rwm"), // /dev/pts/*
            Default.of(null, 'c', 5, 2, "rwm"), // /dev/ptmx
            Default.of(null, 'c', 10, 200, "rwm")); // /dev/net/tun

    /** A default rule, and the node it is for: a node of that path in linux.devices replaces it, as runc does. */
    record Default(String path, DeviceCgroupRule rule) {
        static Default of(String path, char type, long major, long minor, String access) {
            return new Default(path, new DeviceCgroupRule(true, type, major, minor, access));
        }
    }

    /** The config's rules (each checked), then runc's defaults but those whose node {@code nodes} replaces. */
    static DeviceCgroup of(List<Spec.DeviceRule> config, List<DeviceNode> nodes) {
        List<DeviceCgroupRule> rules = new ArrayList<>();
        List<Spec.DeviceRule> given = config == null ? List.of() : config;
        for (int i = 0; i < given.size(); i++) {
            rules.add(DeviceCgroupRule.of(given.get(i), "linux.resources.devices[" + i + "]"));
        }
        Set<String> replaced = nodes.stream().map(DeviceNode::path).collect(Collectors.toSet());
        RUNC_DEFAULTS.stream()
                .filter(d -> d.path() == null || !replaced.contains(d.path()))
                .forEach(d -> rules.add(d.rule()));
        return of(rules);
    }

    /** {@code rules} applied in order to a group that starts denying all, as runc's emulator does. */
    public static DeviceCgroup of(List<DeviceCgroupRule> rules) {
        boolean defaultAllow = false;
        Map<Device, String> exceptions = new LinkedHashMap<>();
        for (DeviceCgroupRule rule : rules) {
            if (rule.everyDevice()) {
                defaultAllow = rule.allow();
                exceptions.clear();
            } else if (rule.allow() != defaultAllow) {
                exceptions.merge(new Device(rule), rule.access(), DeviceCgroup::union);
            } else {
                takeAway(exceptions, rule);
            }
        }
        boolean allow = !defaultAllow;
        List<DeviceCgroupRule> list = exceptions.entrySet().stream()
                .map(e -> new DeviceCgroupRule(
                        allow, e.getKey().type(), e.getKey().major(), e.getKey().minor(), e.getValue()))
                .toList();
        return new DeviceCgroup(List.copyOf(rules), defaultAllow, list);
    }

    /** The numbers of an exception: which devices it is about. */
    private record Device(char type, long major, long minor) {
        Device(DeviceCgroupRule rule) {
            this(rule.type(), rule.major(), rule.minor());
        }
    }

    /** The kernel takes access away from the exception of exactly these numbers, and from no wildcard one. */
    private static void takeAway(Map<Device, String> exceptions, DeviceCgroupRule rule) {
        Device exact = new Device(rule);
        for (Device wider : List.of(
                new Device(rule.type(), ANY, rule.minor()),
                new Device(rule.type(), rule.major(), ANY),
                new Device(rule.type(), ANY, ANY))) {
            String access = exceptions.get(wider);
            if (!wider.equals(exact)
                    && access != null
                    && !intersection(access, rule.access()).isEmpty()) {
                String what = new DeviceCgroupRule(!rule.allow(), wider.type(), wider.major(), wider.minor(), access)
                        .toString();
                throw new IllegalArgumentException("config.json: linux.resources.devices: " + rule
                        + " would take part of " + what + " away, which the device cgroup cannot do;"
                        + " list the devices that are allowed one by one instead");
            }
        }
        String left = difference(exceptions.getOrDefault(exact, ""), rule.access());
        if (left.isEmpty()) {
            exceptions.remove(exact);
        } else {
            exceptions.put(exact, left);
        }
    }

    private static String union(String a, String b) {
        return filter(c -> a.indexOf(c) >= 0 || b.indexOf(c) >= 0);
    }

    private static String intersection(String a, String b) {
        return filter(c -> a.indexOf(c) >= 0 && b.indexOf(c) >= 0);
    }

    private static String difference(String a, String b) {
        return filter(c -> a.indexOf(c) >= 0 && b.indexOf(c) < 0);
    }

    private static String filter(IntPredicate keep) {
        StringBuilder out = new StringBuilder();
        "rwm".chars().filter(keep).forEach(c -> out.append((char) c));
        return out.toString();
    }
}
