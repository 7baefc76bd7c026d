package mydocker.ch07.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The capabilities {@code docker run} gives a container (moby's oci/caps):
 * its default 14 — enough for a root that installs packages and binds port
 * 80, not enough to mount, load a module, change the network or the clock —
 * changed by {@code --cap-drop} then {@code --cap-add}, or every capability
 * with {@code --privileged} (every one this engine has to give: dockerd
 * would list the kernel's all, and the runtime then fail to grant one it
 * lacks itself). The result is the bounding, effective and
 * permitted sets; inheritable and ambient stay empty (Docker 23 and later),
 * so a non-root user in the container has none.
 */
public final class DockerCapabilities {
    /** moby's oci/caps/defaults.go, in its order. */
    public static final List<String> DEFAULT = List.of(
            "CAP_CHOWN",
            "CAP_DAC_OVERRIDE",
            "CAP_FSETID",
            "CAP_FOWNER",
            "CAP_MKNOD",
            "CAP_NET_RAW",
            "CAP_SETGID",
            "CAP_SETUID",
            "CAP_SETFCAP",
            "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT",
            "CAP_KILL",
            "CAP_AUDIT_WRITE");

    private static final String ALL = "ALL";

    private DockerCapabilities() {}

    /**
     * {@code run}'s sets from its flags, with Docker's rules: a name with or
     * without {@code CAP_}, in any case; {@code ALL}; an unknown name refused
     * as dockerd refuses it; the drops taken out before the adds go in, so
     * {@code --cap-drop ALL --cap-add NET_BIND_SERVICE} leaves exactly one.
     */
    public static Spec.Capabilities of(List<String> add, List<String> drop, boolean privileged) {
        List<String> adds = normalize(add, "CapAdd");
        List<String> drops = normalize(drop, "CapDrop");
        long set;
        if (privileged) {
            set = CapabilityNames.available();
        } else if (adds.contains(ALL)) {
            set = CapabilityNames.available() & ~mask(drops);
        } else if (drops.contains(ALL)) {
            set = mask(adds);
        } else {
            set = (mask(DEFAULT) & ~mask(drops)) | mask(adds);
        }
        List<String> names = CapabilityNames.names(set);
        return new Spec.Capabilities(names, names, List.of(), names, List.of());
    }

    /** Upper case, {@code CAP_} put in front; ALL kept; a name this kernel does not have refused. */
    private static List<String> normalize(List<String> names, String flag) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals(ALL)) {
                out.add(ALL);
                continue;
            }
            String cap = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            int number = CapabilityNames.number(cap);
            if (number < 0 || number > CapabilityNames.lastCap()) {
                throw new IllegalArgumentException("invalid " + flag + ": unknown capability: \"" + cap + "\"");
            }
            out.add(cap);
        }
        return out;
    }

    private static long mask(List<String> names) {
        long set = 0;
        for (String name : names) {
            if (!name.equals(ALL)) {
                set |= 1L << CapabilityNames.number(name);
            }
        }
        return set;
    }
}
