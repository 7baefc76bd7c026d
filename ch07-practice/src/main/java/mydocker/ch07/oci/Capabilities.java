package mydocker.ch07.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Capset;

/**
 * {@code process.capabilities}: the five sets of capabilities(7), read once
 * from their names, each a {@code long} whose bit {@code n} is capability
 * {@code n}. Root's power in the container is exactly these: without
 * CAP_SYS_ADMIN no mount, without CAP_NET_ADMIN no {@code ip link add}.
 * No capabilities object at all means what runc does: the sets are left as
 * init has them (root keeps every one).
 *
 * <p>Init applies them as runc's finalizeNamespace: the bounding set while
 * still root ({@link #bounding}, before {@link ProcessUser}), keep-caps around
 * the user switch (in {@link ProcessUser}), then the effective, permitted and
 * inheritable sets and the ambient raises as an {@link InitStep.AtExec} step
 * ({@link #sets}), so that a seccomp filter loaded before it still has
 * CAP_SYS_ADMIN ({@link OciSetup#atExec}). BOOK-NOTES, chapter 7.
 */
public record Capabilities(long bounding, long effective, long inheritable, long permitted, long ambient) {
    public static final InitMessage.Part<Optional<Capabilities>> PART = new InitMessage.Part<>(
            "capabilities",
            (out, c) -> {
                out.writeBoolean(c.isPresent());
                if (c.isPresent()) {
                    out.writeLong(c.get().bounding());
                    out.writeLong(c.get().effective());
                    out.writeLong(c.get().inheritable());
                    out.writeLong(c.get().permitted());
                    out.writeLong(c.get().ambient());
                }
            },
            in -> in.readBoolean()
                    ? Optional.of(
                            new Capabilities(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong()))
                    : Optional.empty());

    /**
     * {@code process.capabilities}, checked; {@code file} names where it came
     * from in an error. A name that is not {@code CAP_...} or not a
     * capability at all is refused (the runtime spec: a value that cannot be
     * mapped to the kernel MUST be an error; runc only warns, and a typo then
     * silently gives less). A capability this table knows but this kernel
     * does not have is skipped with a warning, as runc does, so that one
     * config runs on older kernels too. An ambient capability that is not
     * also permitted and inheritable cannot be raised: skipped, as runc
     * skips it (runc spec's own default asks for three).
     */
    public static Optional<Capabilities> of(Spec.Capabilities caps, String file) {
        if (caps == null) {
            return Optional.empty();
        }
        TreeSet<String> unavailable = new TreeSet<>();
        long bounding = set(caps.bounding(), "bounding", file, unavailable);
        long effective = set(caps.effective(), "effective", file, unavailable);
        long inheritable = set(caps.inheritable(), "inheritable", file, unavailable);
        long permitted = set(caps.permitted(), "permitted", file, unavailable);
        long ambient = set(caps.ambient(), "ambient", file, unavailable);
        if (!unavailable.isEmpty()) {
            warn(file + ": ignoring capabilities this kernel does not have: " + unavailable);
        }
        // The kernel refuses to raise these (PR_CAP_AMBIENT_RAISE: EPERM); no line about it, since
        // runc spec's own default asks for three, so every bundle made from it would print one.
        long unraisable = ambient & ~(permitted & inheritable);
        long beyond = (effective | inheritable | permitted | ambient) & ~CapabilityNames.available();
        if (beyond != 0) {
            // capset(2) could never grant them: init's permitted set cannot grow, its inheritable
            // one not outside the bounding set. Said now, rather than by init's EPERM after start.
            throw new IllegalArgumentException(file + ": process.capabilities asks for "
                    + CapabilityNames.names(beyond)
                    + ", which this runtime's own bounding set lacks (see CapBnd in /proc/self/status)");
        }
        return Optional.of(new Capabilities(bounding, effective, inheritable, permitted, ambient & ~unraisable));
    }

    /**
     * runc exec's {@code --cap}: each name added to the bounding, effective and
     * permitted sets of {@code base} (the container's), and to the ambient
     * set when {@code base} has an inheritable list (runc's rule: ambient needs
     * inheritable, which --cap does not add).
     */
    public static Spec.Capabilities adding(Spec.Capabilities base, List<String> caps) {
        for (String cap : caps) {
            if (CapabilityNames.number(cap) < 0) {
                throw new IllegalArgumentException("--cap " + cap + " is not a capability name, e.g. CAP_NET_ADMIN");
            }
        }
        if (base == null) {
            // runc dereferences the missing capabilities and crashes here; say why instead.
            throw new IllegalArgumentException(
                    "--cap: the container's config.json has no process.capabilities to add to");
        }
        return new Spec.Capabilities(
                plus(base.bounding(), caps),
                plus(base.effective(), caps),
                base.inheritable(),
                plus(base.permitted(), caps),
                base.inheritable() == null ? base.ambient() : plus(base.ambient(), caps));
    }

    private static List<String> plus(List<String> names, List<String> more) {
        List<String> all = new ArrayList<>(names == null ? List.of() : names);
        all.addAll(more);
        return all;
    }

    private static long set(List<String> names, String field, String file, TreeSet<String> unavailable) {
        long set = 0;
        int last = CapabilityNames.lastCap();
        for (String name : names == null ? List.<String>of() : names) {
            String where = file + ": process.capabilities." + field;
            if (name == null || !name.startsWith("CAP_")) {
                throw new IllegalArgumentException(
                        where + " entry " + (name == null ? "null" : "'" + name + "'") + " is not a CAP_ name");
            }
            int cap = CapabilityNames.number(name);
            if (cap < 0) {
                throw new IllegalArgumentException(
                        where + " " + name + " is not a capability (capabilities(7) lists them)");
            }
            if (cap > last) {
                unavailable.add(name);
            } else {
                set |= 1L << cap;
            }
        }
        return set;
    }

    private static void warn(String line) {
        System.err.println("mydocker: warning: " + line);
    }

    /** Init's step, while still root: the bounding set cut down to {@link #bounding}. */
    public InitStep boundingStep() {
        return new BoundingSet(bounding);
    }

    /** Init's last word on capabilities, on execve's thread: the other four sets. */
    public InitStep.AtExec sets() {
        return new ProcessSets(this);
    }

    /**
     * runc's ApplyBoundingSet: every capability outside {@code keep} dropped
     * from the bounding set (needs CAP_SETPCAP, so before the user switch).
     * From then on nothing the process runs can gain one of them: not a
     * setuid-root binary, not a file with capabilities.
     */
    record BoundingSet(long keep) implements InitStep {
        private static final int MAX_CAP = 63;

        @Override
        public void run() {
            // The kernel's own last capability: a number it does not have reads as not in the set.
            for (int cap = 0; cap <= MAX_CAP; cap++) {
                if ((keep >>> cap & 1) == 0 && Capset.inBounding(cap)) {
                    Capset.dropBounding(cap);
                }
            }
        }
    }

    /**
     * runc's ApplyCaps: capset(2) of the effective, permitted and inheritable
     * sets, then the ambient set emptied and raised capability by capability
     * (the kernel takes only one at a time). Kept for the very end: after it
     * the thread may no longer have CAP_SYS_ADMIN, which a seccomp filter
     * without no_new_privs needs to be loaded.
     */
    record ProcessSets(Capabilities caps) implements InitStep.AtExec {
        @Override
        public void run() {
            Capset.set(new Capset.Sets(caps.effective(), caps.permitted(), caps.inheritable()));
            Capset.clearAmbient();
            for (int cap = 0; cap < Long.SIZE; cap++) {
                if ((caps.ambient() >>> cap & 1) == 1) {
                    Capset.raiseAmbient(cap);
                }
            }
        }
    }
}
