package mydocker.ch07.oci;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;
import static mydocker.syscall.CloneFlags.CLONE_NEWNET;
import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch03.Namespaces;
import mydocker.syscall.Syscall;

/**
 * {@code linux.sysctl}: kernel settings written under the container's
 * {@code /proc/sys} after pivot_root (runc's writeSystemProperty), so every
 * path resolves inside the container's root. /proc/sys is not all
 * namespaced: most keys are the whole machine's (vm.swappiness,
 * kernel.core_pattern). Only keys that belong to one of the container's own
 * namespaces are allowed, as runc's validator allows them — IPC's
 * (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*), the network's (net.*),
 * UTS's kernel.domainname — and only when that namespace is not this
 * process's (the host's): created, or joined from a file that is another
 * namespace. Anything else is refused by name when config.json is read.
 */
public record Sysctls(List<Setting> settings) implements InitStep {
    /** One key, in the kernel's dotted form, and its value. */
    public record Setting(String key, String value) {
        /** {@code net.ipv4.ip_forward} → /proc/sys/net/ipv4/ip_forward; a component's own dots were slashes. */
        Path path() {
            Path path = Path.of("/proc/sys");
            for (String part : key.split("\\.")) {
                path = path.resolve(part.replace('/', '.'));
            }
            return path;
        }
    }

    /** The IPC namespace's keys, as runc lists them; fs.mqueue.* is matched as a prefix. */
    private static final Set<String> IPC_KEYS = Set.of(
            "kernel.msgmax",
            "kernel.msgmnb",
            "kernel.msgmni",
            "kernel.sem",
            "kernel.shmall",
            "kernel.shmmax",
            "kernel.shmmni",
            "kernel.shm_rmid_forced");

    private static final String IPC_PREFIX = "fs.mqueue.";
    private static final String NET_PREFIX = "net.";
    /** A component: letters, digits, _ - : @ and dots (a name's own dot, given as / in the dotted form). */
    private static final String COMPONENT = "[A-Za-z0-9_:@/-]+";

    public static final InitMessage.Part<Sysctls> PART = new InitMessage.Part<>(
            "sysctl",
            (out, s) -> {
                out.writeInt(s.settings().size());
                for (Setting setting : s.settings()) {
                    out.writeUTF(setting.key());
                    out.writeUTF(setting.value());
                }
            },
            in -> {
                List<Setting> settings = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    settings.add(new Setting(in.readUTF(), in.readUTF()));
                }
                return new Sysctls(settings);
            });

    public static final Sysctls NONE = new Sysctls(List.of());

    public Sysctls {
        settings = List.copyOf(settings);
    }

    /** config.json's linux.sysctl, each key checked against the container's namespaces. */
    public static Sysctls of(Map<String, String> sysctl, Namespaces namespaces) {
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, String> e :
                sysctl == null ? Map.<String, String>of().entrySet() : sysctl.entrySet()) {
            String key = dotted(e.getKey());
            String value = e.getValue();
            if (value == null || value.indexOf('\0') >= 0) {
                throw refused(e.getKey(), "has no value, or a NUL byte in it");
            }
            int namespace = namespaceOf(key);
            if (namespace == 0) {
                throw refused(
                        e.getKey(),
                        "is not namespaced: a container may not change the host's kernel settings"
                                + " (allowed: kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.* with an ipc namespace,"
                                + " net.* with a network namespace, kernel.domainname with a uts namespace)");
            }
            if (!HostNamespace.isOwn(namespaces, namespace)) {
                throw refused(e.getKey(), "needs the container's own " + HostNamespace.name(namespace) + " namespace");
            }
            settings.add(new Setting(key, value));
        }
        return new Sysctls(settings);
    }

    /**
     * The key in the dotted form (sysctl.d(5): a key whose first separator is
     * '/' uses '/' between components and '.' inside one), every component
     * checked: nothing that could climb out of /proc/sys.
     */
    static String dotted(String key) {
        if (key == null) {
            throw refused(null, "is not a key");
        }
        int first = indexOfAny(key);
        String dotted = first >= 0 && key.charAt(first) == '/' ? swapSeparators(key) : key;
        for (String part : dotted.split("\\.", -1)) {
            String name = part.replace('/', '.');
            if (!part.matches(COMPONENT) || name.equals(".") || name.equals("..") || name.startsWith(".")) {
                throw refused(key, "is not a sysctl key (components of letters, digits, _ and -, separated by dots)");
            }
        }
        return dotted;
    }

    /** The clone flag of the namespace that owns {@code key}, or 0 when it is the whole machine's. */
    private static int namespaceOf(String key) {
        if (IPC_KEYS.contains(key) || key.startsWith(IPC_PREFIX)) {
            return CLONE_NEWIPC;
        }
        if (key.startsWith(NET_PREFIX)) {
            return CLONE_NEWNET;
        }
        if (key.equals("kernel.domainname")) {
            return CLONE_NEWUTS;
        }
        return 0;
    }

    private static int indexOfAny(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.' || key.charAt(i) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String swapSeparators(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            out.append(c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return out.toString();
    }

    private static IllegalArgumentException refused(String key, String problem) {
        return new IllegalArgumentException("config.json: linux.sysctl key '" + key + "' " + problem);
    }

    /** Written with the syscall layer: after pivot_root the JVM's own files (NIO's classes) are out of reach. */
    @Override
    public void run() {
        for (Setting s : settings) {
            int fd = Syscall.open(s.path().toString(), Syscall.O_WRONLY | Syscall.O_CLOEXEC);
            try {
                Syscall.write(fd, s.value().getBytes(StandardCharsets.UTF_8));
            } finally {
                Syscall.close(fd);
            }
        }
    }
}
