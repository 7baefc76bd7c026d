package mydocker.ch07.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Capset;

/**
 * The capabilities' names, as config.json writes them ({@code CAP_CHOWN}),
 * and their numbers (linux/capability.h: the index here). The kernel may
 * have fewer than this table (an older one) or more (a newer one): what it
 * has ends at {@code /proc/sys/kernel/cap_last_cap}, as runc reads it.
 */
public final class CapabilityNames {
    private static final List<String> NAMES = List.of(
            "CAP_CHOWN",
            "CAP_DAC_OVERRIDE",
            "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER",
            "CAP_FSETID",
            "CAP_KILL",
            "CAP_SETGID",
            "CAP_SETUID",
            "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST",
            "CAP_NET_ADMIN",
            "CAP_NET_RAW",
            "CAP_IPC_LOCK",
            "CAP_IPC_OWNER",
            "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO",
            "CAP_SYS_CHROOT",
            "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN",
            "CAP_SYS_BOOT",
            "CAP_SYS_NICE",
            "CAP_SYS_RESOURCE",
            "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG",
            "CAP_MKNOD",
            "CAP_LEASE",
            "CAP_AUDIT_WRITE",
            "CAP_AUDIT_CONTROL",
            "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN",
            "CAP_SYSLOG",
            "CAP_WAKE_ALARM",
            "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ",
            "CAP_PERFMON",
            "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    private static final Path LAST_CAP = Path.of("/proc/sys/kernel/cap_last_cap");

    private CapabilityNames() {}

    /** The number of {@code name} ({@code CAP_KILL} is 5), or -1 if this table does not have it. */
    public static int number(String name) {
        return NAMES.indexOf(name);
    }

    /** Every name this table knows, by number (what {@code features} reports). */
    public static List<String> known() {
        return NAMES;
    }

    /** The highest capability both this kernel and this table have. */
    public static int lastCap() {
        try {
            // readAllLines, not readString: on a /proc/sys file JDK 17 readString returned "4" of "40".
            return Math.min(Integer.parseInt(Files.readAllLines(LAST_CAP).get(0).trim()), NAMES.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LAST_CAP + " (is /proc mounted?)", e);
        }
    }

    /**
     * What this runtime can give at all: its own bounding set, which its init
     * inherits and no capset(2) can go beyond: less than the kernel's all when the
     * runtime itself runs confined (here: a sandbox without CAP_SYS_RESOURCE).
     */
    public static long available() {
        long set = 0;
        for (int cap = 0; cap <= lastCap(); cap++) {
            if (Capset.inBounding(cap)) {
                set |= 1L << cap;
            }
        }
        return set;
    }

    /** The names of the capabilities in {@code set}, by number. */
    public static List<String> names(long set) {
        List<String> names = new ArrayList<>();
        for (int cap = 0; cap < NAMES.size(); cap++) {
            if ((set >>> cap & 1) == 1) {
                names.add(NAMES.get(cap));
            }
        }
        return names;
    }
}
