package mydocker.syscall;

import jnr.ffi.Pointer;

/**
 * libseccomp 2.5 (Debian's libseccomp2), the library runc compiles its
 * seccomp filters with (through libseccomp-golang): the names of syscalls and
 * architectures, rules with argument comparisons, and the BPF program the
 * kernel runs. Only what {@link SeccompFilter} calls is bound. Functions
 * return a negative errno on failure, not -1 with errno set.
 */
public interface Libseccomp {
    /** Debian ships no unversioned libseccomp.so without the -dev package: it is loaded by its soname. */
    String SONAME = "libseccomp.so.2";

    Pointer seccomp_init(int defaultAction);

    void seccomp_release(Pointer ctx);

    int seccomp_arch_add(Pointer ctx, int arch);

    /** An architecture's token ({@code AUDIT_ARCH_*}) by libseccomp's name, {@code x86_64}; 0 if unknown. */
    int seccomp_arch_resolve_name(String name);

    /** A syscall's number on this machine's architecture; {@code __NR_SCMP_ERROR} (-1) if unknown. */
    int seccomp_syscall_resolve_name(String name);

    /** {@code args}: {@code count} struct scmp_arg_cmp, 24 bytes each. */
    int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int count, byte[] args);

    int seccomp_attr_set(Pointer ctx, int attribute, int value);

    int seccomp_export_bpf(Pointer ctx, int fd);
}
