package mydocker.ch07.oci;

import java.util.OptionalInt;
import mydocker.ch03.InitStep;
import mydocker.syscall.SeccompFilter;

/**
 * The container's seccomp filter (book chapter 7, "contained"): compiled by
 * libseccomp when init makes its steps, while the host's library is still
 * reachable (before pivot_root), and loaded last, on the thread that calls
 * execve ({@link InitStep.AtExec}): one seccomp(2) call, without TSYNC, so
 * the filter is that thread's, which is what the program inherits; the JVM's
 * other threads end at execve. Loaded earlier it would stop init itself:
 * Docker's profile denies the unshare that gives execve's thread its own
 * descriptor table. Where it goes among the process's last steps is
 * {@link OciSetup#privilegeSteps}.
 */
public final class LoadSeccomp implements InitStep.AtExec {
    /** Past this many rules runc has libseccomp sort them as a tree (2.5.4 misbehaves with a tree and none). */
    private static final int TREE_ABOVE = 32;

    private final SeccompFilter.Program program;
    private final int flags;

    private LoadSeccomp(SeccompFilter.Program program, int flags) {
        this.program = program;
        this.flags = flags;
    }

    /**
     * The filter as BPF. A syscall this machine's libseccomp does not know is
     * left out, as runc leaves it out: a profile names newer syscalls than
     * some hosts have.
     */
    public static LoadSeccomp compile(Seccomp seccomp) {
        try (SeccompFilter filter = SeccompFilter.create(seccomp.defaultAction().code())) {
            seccomp.architectures().forEach(filter::addArchitecture);
            if (seccomp.rules().size() > TREE_ABOVE) {
                filter.optimizeAsTree();
            }
            for (Seccomp.Rule rule : seccomp.rules()) {
                OptionalInt nr = SeccompFilter.syscallNumber(rule.name());
                if (nr.isPresent()) {
                    filter.addRule(rule.action().code(), rule.name(), nr.getAsInt(), rule.comparisons());
                }
            }
            return new LoadSeccomp(filter.compile(), seccomp.flags());
        }
    }

    @Override
    public void run() {
        program.load(flags);
    }
}
