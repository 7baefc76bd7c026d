package mydocker.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A seccomp filter being compiled by libseccomp (book chapter 7, "contained";
 * seccomp(2)): a default action, the architectures it holds for, and rules
 * (a syscall, maybe argument comparisons, an action). {@link #compile} gives
 * the BPF program the kernel runs, in native memory, so that loading it later
 * is one system call: nothing is read from the host then (it may be after
 * pivot_root) and nothing runs between the filter and execve but that call.
 *
 * <p>The library, not our own code, turns rules into BPF, as runc has it do:
 * the jumps per architecture, the x32 and socketcall multiplexing, the
 * 64-bit comparisons in 32-bit BPF words and the size limits are where a
 * hand-written compiler would quietly let a syscall through.
 */
public final class SeccompFilter implements AutoCloseable {
    /** Actions as libseccomp encodes them (seccomp.h); ERRNO and TRACE carry a value in the low 16 bits. */
    public static final int ACT_KILL_PROCESS = 0x8000_0000;

    public static final int ACT_KILL_THREAD = 0;
    public static final int ACT_TRAP = 0x0003_0000;
    public static final int ACT_ERRNO = 0x0005_0000;
    public static final int ACT_TRACE = 0x7ff0_0000;
    public static final int ACT_LOG = 0x7ffc_0000;
    public static final int ACT_ALLOW = 0x7fff_0000;

    /** Comparisons (enum scmp_compare): NE 1, LT 2, LE 3, EQ 4, GE 5, GT 6, MASKED_EQ 7. */
    public static final int CMP_MASKED_EQ = 7;

    /** seccomp(2)'s flags. */
    public static final int FLAG_LOG = 1 << 1;

    public static final int FLAG_SPEC_ALLOW = 1 << 2;

    private static final int ATTR_OPTIMIZE = 8;
    private static final int OPTIMIZE_BINARY_TREE = 2;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int ARG_CMP_SIZE = 24;
    private static final int SOCK_FPROG_SIZE = 16;
    private static final int MFD_CLOEXEC = 1;

    private final Pointer ctx;

    private SeccompFilter(Pointer ctx) {
        this.ctx = ctx;
    }

    /** Bound at first use: only a container with a filter pays for loading the library. */
    private static final class Library {
        static final Libseccomp LIB = LibraryLoader.create(Libseccomp.class).load(Libseccomp.SONAME);
    }

    /** A filter whose default is {@code defaultAction}, for this machine's architecture. */
    public static SeccompFilter create(int defaultAction) {
        Pointer ctx = Library.LIB.seccomp_init(defaultAction);
        if (ctx == null) {
            throw new IllegalArgumentException("seccomp_init(" + action(defaultAction) + ") failed: a bad action");
        }
        return new SeccompFilter(ctx);
    }

    /** Whether libseccomp knows the architecture it names {@code name} ({@code x86_64}, {@code aarch64}, ...). */
    public static boolean knowsArchitecture(String name) {
        return Library.LIB.seccomp_arch_resolve_name(name) != 0;
    }

    /** Also filters syscalls made in architecture {@code name} (a 32-bit program on a 64-bit kernel). */
    public void addArchitecture(String name) {
        int arch = Library.LIB.seccomp_arch_resolve_name(name);
        if (arch == 0) {
            throw new IllegalArgumentException("libseccomp does not know the architecture " + name);
        }
        int rc = Library.LIB.seccomp_arch_add(ctx, arch);
        // EEXIST: already there (the native one is from the start)
        if (rc < 0 && -rc != Errno.EEXIST) {
            throw Syscall.error(Syscall.call("seccomp_arch_add", "ctx", name), -rc);
        }
    }

    /**
     * The number of syscall {@code name} on this architecture; empty when
     * libseccomp does not know it ({@code __NR_SCMP_ERROR}, -1). A syscall
     * only another architecture of the filter has (x86's socketcall on
     * x86_64) is a negative pseudo-number, which the library maps per
     * architecture: a rule for it must not be left out, or the rules after it
     * read differently there (libseccomp then refuses them, EEXIST).
     */
    public static OptionalInt syscallNumber(String name) {
        int nr = Library.LIB.seccomp_syscall_resolve_name(name);
        return nr == NR_SCMP_ERROR ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    /** What seccomp_syscall_resolve_name answers for a name it does not know. */
    private static final int NR_SCMP_ERROR = -1;

    /** One comparison of argument {@code index}; for MASKED_EQ {@code a} is the mask and {@code b} the value. */
    public record Comparison(int index, int op, long a, long b) {}

    /** {@code action} for syscall {@code nr} when every comparison holds (none: always). */
    public void addRule(int action, String name, int nr, List<Comparison> comparisons) {
        ByteBuffer args = ByteBuffer.allocate(Math.max(1, comparisons.size()) * ARG_CMP_SIZE)
                .order(ByteOrder.nativeOrder());
        for (Comparison c : comparisons) {
            args.putInt(c.index()).putInt(c.op()).putLong(c.a()).putLong(c.b());
        }
        int rc = Library.LIB.seccomp_rule_add_array(ctx, action, nr, comparisons.size(), args.array());
        if (rc < 0) {
            throw Syscall.error(Syscall.call("seccomp_rule_add_array", "ctx", action(action), name, comparisons), -rc);
        }
    }

    /** Rules as a binary tree of syscall numbers rather than a list (runc asks for it past 32 syscalls). */
    public void optimizeAsTree() {
        int rc = Library.LIB.seccomp_attr_set(ctx, ATTR_OPTIMIZE, OPTIMIZE_BINARY_TREE);
        if (rc < 0) {
            throw Syscall.error(Syscall.call("seccomp_attr_set", "ctx", "SCMP_FLTATR_CTL_OPTIMIZE", 2), -rc);
        }
    }

    /**
     * The BPF program, in native memory as struct sock_fprog. libseccomp 2.5
     * exports only to a descriptor: an anonymous memory file, read back here.
     */
    public Program compile() {
        int fd = Syscall.LIBC.memfd_create("seccomp-bpf", MFD_CLOEXEC);
        Syscall.check(fd, () -> Syscall.call("memfd_create", "\"seccomp-bpf\"", "MFD_CLOEXEC"));
        try {
            int rc = Library.LIB.seccomp_export_bpf(ctx, fd);
            if (rc < 0) {
                throw Syscall.error(Syscall.call("seccomp_export_bpf", "ctx", fd), -rc);
            }
            if (Syscall.LIBC.lseek(fd, 0, 0) < 0) {
                throw Syscall.error(Syscall.call("lseek", fd, 0, "SEEK_SET"));
            }
            ByteArrayOutputStream bpf = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (long n; (n = Syscall.LIBC.read(fd, buf, buf.length)) != 0; ) {
                if (n < 0) {
                    throw Syscall.error(Syscall.call("read", fd, buf.length));
                }
                bpf.write(buf, 0, (int) n);
            }
            return new Program(bpf.toByteArray());
        } finally {
            Syscall.close(fd);
        }
    }

    @Override
    public void close() {
        Library.LIB.seccomp_release(ctx);
    }

    /** A compiled filter, ready to load: struct sock_fprog and its instructions, 8 bytes each. */
    public static final class Program {
        private final Pointer fprog;
        private final int instructions;
        private final int seccompNr;

        private Program(byte[] bpf) {
            instructions = bpf.length / 8;
            Pointer memory = Memory.allocateDirect(Syscall.RUNTIME, SOCK_FPROG_SIZE + bpf.length, true);
            memory.putShort(0, (short) instructions);
            memory.putAddress(8, memory.address() + SOCK_FPROG_SIZE);
            memory.put(SOCK_FPROG_SIZE, bpf, 0, bpf.length);
            fprog = memory;
            // seccomp(2)'s own number, from the library: glibc has no wrapper and it differs per architecture
            seccompNr = syscallNumber("seccomp").orElseThrow();
        }

        public int instructions() {
            return instructions;
        }

        /**
         * seccomp(SECCOMP_SET_MODE_FILTER, flags, prog): from now on the kernel
         * runs the program at every syscall of this THREAD and of what it
         * execve's and forks; the JVM's other threads are left as they are
         * (no TSYNC), they die at execve. Without no_new_privs this needs
         * CAP_SYS_ADMIN.
         */
        public void load(int flags) {
            if (Syscall.LIBC.syscall(seccompNr, SECCOMP_SET_MODE_FILTER, flags, fprog) < 0) {
                throw Syscall.error(Syscall.call(
                        "seccomp", "SECCOMP_SET_MODE_FILTER", flags, "{len=" + instructions + ", filter=...}"));
            }
        }
    }

    private static String action(int action) {
        return "0x" + Integer.toHexString(action);
    }
}
