package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_DIRSYNC;
import static mydocker.syscall.MountFlags.MS_MANDLOCK;
import static mydocker.syscall.MountFlags.MS_NOATIME;
import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NODIRATIME;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_PRIVATE;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_RELATIME;
import static mydocker.syscall.MountFlags.MS_SHARED;
import static mydocker.syscall.MountFlags.MS_SLAVE;
import static mydocker.syscall.MountFlags.MS_STRICTATIME;
import static mydocker.syscall.MountFlags.MS_SYNCHRONOUS;
import static mydocker.syscall.MountFlags.MS_UNBINDABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One of config.json's mounts, its options parsed once into what mount(2)
 * takes: flags to set, flags to clear, a propagation change, and the rest as
 * the filesystem's data string ({@code mode=755}, {@code newinstance}), as runc
 * parses them.
 */
public record MountSpec(String destination, String type, String source, long flags, long propagation, String data) {
    /** option → {flags it sets, flags it clears}. */
    private static final Map<String, long[]> FLAGS = Map.ofEntries(
            Map.entry("async", new long[] {0, MS_SYNCHRONOUS}),
            Map.entry("atime", new long[] {0, MS_NOATIME}),
            Map.entry("bind", new long[] {MS_BIND, 0}),
            Map.entry("defaults", new long[] {0, 0}),
            Map.entry("dev", new long[] {0, MS_NODEV}),
            Map.entry("diratime", new long[] {0, MS_NODIRATIME}),
            Map.entry("dirsync", new long[] {MS_DIRSYNC, 0}),
            Map.entry("exec", new long[] {0, MS_NOEXEC}),
            Map.entry("mand", new long[] {MS_MANDLOCK, 0}),
            Map.entry("noatime", new long[] {MS_NOATIME, 0}),
            Map.entry("nodev", new long[] {MS_NODEV, 0}),
            Map.entry("nodiratime", new long[] {MS_NODIRATIME, 0}),
            Map.entry("noexec", new long[] {MS_NOEXEC, 0}),
            Map.entry("nomand", new long[] {0, MS_MANDLOCK}),
            Map.entry("norelatime", new long[] {0, MS_RELATIME}),
            Map.entry("nostrictatime", new long[] {0, MS_STRICTATIME}),
            Map.entry("nosuid", new long[] {MS_NOSUID, 0}),
            Map.entry("rbind", new long[] {MS_BIND | MS_REC, 0}),
            Map.entry("relatime", new long[] {MS_RELATIME, 0}),
            Map.entry("ro", new long[] {MS_RDONLY, 0}),
            Map.entry("rw", new long[] {0, MS_RDONLY}),
            Map.entry("strictatime", new long[] {MS_STRICTATIME, 0}),
            Map.entry("suid", new long[] {0, MS_NOSUID}),
            Map.entry("sync", new long[] {MS_SYNCHRONOUS, 0}));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private",
            MS_PRIVATE,
            "rprivate",
            MS_PRIVATE | MS_REC,
            "shared",
            MS_SHARED,
            "rshared",
            MS_SHARED | MS_REC,
            "slave",
            MS_SLAVE,
            "rslave",
            MS_SLAVE | MS_REC,
            "unbindable",
            MS_UNBINDABLE,
            "runbindable",
            MS_UNBINDABLE | MS_REC);

    /** {@code mount}, checked: an absolute destination; a bind mount's source absolute (or relative to the bundle, resolved by the caller). */
    public static MountSpec of(Spec.Mount mount) {
        String destination = mount.destination();
        if (destination == null || !destination.startsWith("/")) {
            throw new IllegalArgumentException("mount destination " + destination + " is not an absolute path");
        }
        if (destination.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("mount destination holds a NUL byte");
        }
        long set = 0;
        long clear = 0;
        long propagation = 0;
        List<String> data = new ArrayList<>();
        for (String option : mount.options() == null ? List.<String>of() : mount.options()) {
            long[] flag = FLAGS.get(option);
            if (flag != null) {
                set |= flag[0];
                clear |= flag[1];
            } else if (PROPAGATION.containsKey(option)) {
                propagation |= PROPAGATION.get(option);
            } else {
                data.add(option);
            }
        }
        String type = mount.type() == null || mount.type().isEmpty() ? "none" : mount.type();
        if ((set & MS_BIND) != 0 || type.equals("bind")) {
            set |= MS_BIND;
            type = "none";
        }
        String source = mount.source() == null || mount.source().isEmpty() ? type : mount.source();
        return new MountSpec(destination, type, source, set & ~clear, propagation, String.join(",", data));
    }

    /** The mount(2) flags of a propagation option such as {@code rslave}; null if {@code option} is none. */
    static Long propagation(String option) {
        return PROPAGATION.get(option);
    }

    /** The options parsed into flags or a propagation (others go to the filesystem as data): what {@code features} reports. */
    public static Set<String> optionNames() {
        Set<String> names = new TreeSet<>(FLAGS.keySet());
        names.addAll(PROPAGATION.keySet());
        return names;
    }

    public boolean isBind() {
        return (flags & MS_BIND) != 0;
    }
}
