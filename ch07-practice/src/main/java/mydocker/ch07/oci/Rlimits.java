package mydocker.ch07.oci;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code process.rlimits}: init's own limits, set just before its execve, so
 * the process inherits them (as runc sets them). Each one checked once when
 * the config is read: a name of setrlimit(2), soft not above hard. Set among
 * the last calls on execve's thread ({@link InitStep.AtExec}), the first of
 * them: a low RLIMIT_AS binds the whole init JVM at once, and any of its
 * threads that maps memory after it (the JIT, the collector) would bring it
 * down (the suite's process_rlimits did, one run in five); and before the
 * last capset, which may drop the CAP_SYS_RESOURCE a raised hard limit needs.
 */
public record Rlimits(List<Limit> limits) implements InitStep.AtExec {
    /** RLIMIT_* in the kernel's order (linux/resource.h): the number is the index. */
    private static final List<String> NAMES = List.of(
            "RLIMIT_CPU",
            "RLIMIT_FSIZE",
            "RLIMIT_DATA",
            "RLIMIT_STACK",
            "RLIMIT_CORE",
            "RLIMIT_RSS",
            "RLIMIT_NPROC",
            "RLIMIT_NOFILE",
            "RLIMIT_MEMLOCK",
            "RLIMIT_AS",
            "RLIMIT_LOCKS",
            "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE",
            "RLIMIT_NICE",
            "RLIMIT_RTPRIO",
            "RLIMIT_RTTIME");

    public record Limit(int resource, long soft, long hard) {}

    public static final InitMessage.Part<Rlimits> PART = new InitMessage.Part<>(
            "rlimits",
            (out, r) -> {
                out.writeInt(r.limits().size());
                for (Limit l : r.limits()) {
                    out.writeInt(l.resource());
                    out.writeLong(l.soft());
                    out.writeLong(l.hard());
                }
            },
            in -> {
                List<Limit> limits = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    limits.add(new Limit(in.readInt(), in.readLong(), in.readLong()));
                }
                return new Rlimits(limits);
            });

    public Rlimits {
        limits = List.copyOf(limits);
    }

    /** config.json's rlimits, checked; {@code file} names where they came from in an error. */
    public static Rlimits of(List<Spec.Rlimit> rlimits, String file) {
        List<Limit> limits = new ArrayList<>();
        for (Spec.Rlimit r : rlimits == null ? List.<Spec.Rlimit>of() : rlimits) {
            int resource = r == null ? -1 : NAMES.indexOf(r.type());
            if (resource < 0 || r.hard() == null || r.soft() == null || Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                throw new IllegalArgumentException(
                        file + ": process.rlimits entry " + r + " must name an RLIMIT_* with soft at most hard");
            }
            limits.add(new Limit(resource, r.soft(), r.hard()));
        }
        return new Rlimits(limits);
    }

    @Override
    public void run() {
        for (Limit l : limits) {
            Syscall.setrlimit(l.resource(), l.soft(), l.hard());
        }
    }
}
