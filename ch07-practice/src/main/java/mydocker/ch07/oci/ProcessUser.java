package mydocker.ch07.oci;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Capset;
import mydocker.syscall.Syscall;

/**
 * {@code process.user}: who the container's process runs as — uid, gid,
 * supplementary groups — and its umask. Init switches to it as its last step
 * before execve (runc's setupUser in finalizeNamespace), once everything that
 * needs root is done: mounts, pivot_root, sysctls, rlimits. The order inside
 * is forced: groups and gid first, while still root; after the uid changes
 * nothing else may. IDs are the kernel's unsigned 32 bits; {@code 2^32-1} is
 * "no change" to setresuid(2), so it is refused with the negatives.
 */
public record ProcessUser(long uid, long gid, List<Long> additionalGids, int umask) implements InitStep {
    /** umask when config.json gives none: leave init's own. */
    public static final int KEEP_UMASK = -1;

    public static final ProcessUser ROOT = new ProcessUser(0, 0, List.of(), KEEP_UMASK);

    private static final long MAX_ID = 0xFFFF_FFFEL;

    public static final InitMessage.Part<ProcessUser> PART = new InitMessage.Part<>(
            "process-user",
            (out, u) -> {
                out.writeLong(u.uid());
                out.writeLong(u.gid());
                out.writeInt(u.additionalGids().size());
                for (long g : u.additionalGids()) {
                    out.writeLong(g);
                }
                out.writeInt(u.umask());
            },
            in -> {
                long uid = in.readLong();
                long gid = in.readLong();
                List<Long> groups = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    groups.add(in.readLong());
                }
                return new ProcessUser(uid, gid, groups, in.readInt());
            });

    public ProcessUser {
        additionalGids = List.copyOf(additionalGids);
    }

    /** {@code process.user}, checked; {@code file} names where it came from in an error. */
    static ProcessUser of(Spec.User user, String file) {
        if (user == null) {
            return ROOT;
        }
        long uid = id(user.uid(), file, "uid");
        long gid = id(user.gid(), file, "gid");
        List<Long> groups = new ArrayList<>();
        for (Long g : user.additionalGids() == null ? List.<Long>of() : user.additionalGids()) {
            groups.add(id(g, file, "additionalGids"));
        }
        int umask = KEEP_UMASK;
        if (user.umask() != null) {
            if (user.umask() < 0 || user.umask() > 0777) {
                throw new IllegalArgumentException(
                        file + ": process.user.umask " + user.umask() + " must be 0 to 0777 (511)");
            }
            umask = user.umask().intValue();
        }
        return new ProcessUser(uid, gid, groups, umask);
    }

    /**
     * exec's {@code --user UID[:GID]} (numbers only: names would need the
     * container's /etc/passwd read on the host) and {@code --additional-gids}.
     */
    public static ProcessUser parse(String spec, List<String> additionalGids) {
        String[] parts = spec.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("--user " + spec + ": must be UID or UID:GID (numbers)");
        }
        long uid = number(parts[0], "--user " + spec);
        long gid = parts.length == 2 ? number(parts[1], "--user " + spec) : 0;
        List<Long> groups = new ArrayList<>();
        for (String g : additionalGids) {
            groups.add(number(g, "--additional-gids " + g));
        }
        return new ProcessUser(uid, gid, groups, KEEP_UMASK);
    }

    private static long number(String text, String what) {
        if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) > MAX_ID) {
            throw new IllegalArgumentException(what + ": an ID must be a number from 0 to " + MAX_ID);
        }
        return Long.parseLong(text);
    }

    private static long id(Long value, String file, String field) {
        long id = value == null ? 0 : value;
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(
                    file + ": process.user." + field + " " + id + " must be from 0 to " + MAX_ID);
        }
        return id;
    }

    @Override
    public void run() {
        if (umask != KEEP_UMASK) {
            Syscall.umask(umask);
        }
        int[] groups = additionalGids.stream().mapToInt(Long::intValue).toArray();
        // runc's order (finalizeNamespace): keep-caps around the switch, or leaving uid 0 would
        // empty the permitted set too, and the capabilities still to be set (Capabilities.sets,
        // a seccomp filter before it) need it. The effective set, which the switch empties
        // all the same, is raised back to the permitted one until those last steps.
        Capset.keepCaps(true);
        Syscall.setUser((int) uid, (int) gid, groups);
        Capset.keepCaps(false);
        Capset.Sets kept = Capset.get();
        Capset.set(new Capset.Sets(kept.permitted(), kept.permitted(), kept.inheritable()));
    }
}
