package mydocker.syscall;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * bpf(2), the two commands a device cgroup on cgroup v2 needs (chapter 7,
 * runc's {@code cgroups/ebpf}): load a program the kernel verifies
 * ({@code BPF_PROG_LOAD}, which returns its descriptor) and attach it to a
 * cgroup ({@code BPF_PROG_ATTACH}, to the group directory's descriptor). glibc
 * has no wrapper, so it is syscall(2) with {@code union bpf_attr} in native
 * memory; its fields, as in {@code linux/bpf.h} (all little-endian on the
 * arches here):
 *
 * <ul>
 *   <li>PROG_LOAD: prog_type u32 @0, insn_cnt u32 @4, insns u64 @8, license
 *       u64 @16, log_level u32 @24, log_size u32 @28, log_buf u64 @32 (72 bytes
 *       up to expected_attach_type);
 *   <li>PROG_ATTACH: target_fd u32 @0, attach_bpf_fd u32 @4, attach_type u32
 *       @8, attach_flags u32 @12 (20 bytes with replace_bpf_fd).
 * </ul>
 *
 * The attached program holds itself: once attached, the descriptors may be
 * closed; it goes when the cgroup is removed.
 */
public final class Bpf {
    /** {@code BPF_PROG_TYPE_CGROUP_DEVICE}: asked at every open and mknod of a device node in the group. */
    public static final int PROG_TYPE_CGROUP_DEVICE = 15;
    /** {@code BPF_CGROUP_DEVICE}, the attach type of such a program. */
    public static final int ATTACH_CGROUP_DEVICE = 6;
    /** {@code BPF_F_ALLOW_MULTI}: programs of the parents run too, and all must allow (runc's flag). */
    public static final int F_ALLOW_MULTI = 2;

    private static final int PROG_LOAD = 5;
    private static final int PROG_ATTACH = 8;
    private static final int LOAD_ATTR = 72;
    private static final int ATTACH_ATTR = 20;
    private static final int LOG_SIZE = 1 << 16;

    private Bpf() {}

    /**
     * Loads {@code instructions} (8 bytes each, {@link BpfInstructions}) as a
     * program of {@code type}; returns its descriptor, close-on-exec. A program
     * the verifier refuses is loaded once more with its log, whose last line
     * goes into the error (the first try has none: a log too small for a
     * verbose success would fail the load itself).
     */
    public static int progLoad(int type, byte[] instructions, String license) {
        Loaded first = load(type, instructions, license, 0);
        if (first.fd() >= 0) {
            return (int) first.fd();
        }
        String call = Syscall.call(
                "bpf", "BPF_PROG_LOAD", "{prog_type=" + type + ", insn_cnt=" + instructions.length / 8 + "}");
        String[] log = load(type, instructions, license, 1).log().split("\n");
        String last = log[log.length - 1];
        throw Syscall.error(call + (last.isEmpty() ? "" : " [verifier: " + last + "]"), first.errno());
    }

    /** Attaches program {@code progFd} to the cgroup whose directory {@code cgroupFd} is open. */
    public static void progAttach(int cgroupFd, int progFd, int attachType, int flags) {
        Pointer attr = Memory.allocateDirect(Syscall.RUNTIME, ATTACH_ATTR, true);
        attr.putInt(0, cgroupFd);
        attr.putInt(4, progFd);
        attr.putInt(8, attachType);
        attr.putInt(12, flags);
        long result = Syscall.LIBC.syscall(number(), PROG_ATTACH, attr, ATTACH_ATTR);
        Syscall.check(
                (int) result,
                () -> Syscall.call(
                        "bpf",
                        "BPF_PROG_ATTACH",
                        "{target_fd=" + cgroupFd + ", attach_bpf_fd=" + progFd + ", attach_type=" + attachType
                                + ", attach_flags=" + flags + "}"));
    }

    /** One load's result: the descriptor or -1 with errno, and the verifier's log when one was asked for. */
    private record Loaded(long fd, int errno, String log) {}

    private static Loaded load(int type, byte[] instructions, String license, int logLevel) {
        byte[] licenseBytes = (license + "\0").getBytes(StandardCharsets.US_ASCII);
        Pointer insns = Memory.allocateDirect(Syscall.RUNTIME, instructions.length, true);
        insns.put(0, instructions, 0, instructions.length);
        Pointer licenseText = Memory.allocateDirect(Syscall.RUNTIME, licenseBytes.length, true);
        licenseText.put(0, licenseBytes, 0, licenseBytes.length);
        int logSize = logLevel == 0 ? 0 : LOG_SIZE;
        Pointer log = Memory.allocateDirect(Syscall.RUNTIME, Math.max(logSize, 1), true);
        Pointer attr = Memory.allocateDirect(Syscall.RUNTIME, LOAD_ATTR, true);
        attr.putInt(0, type);
        attr.putInt(4, instructions.length / 8);
        attr.putAddress(8, insns.address());
        attr.putAddress(16, licenseText.address());
        if (logSize != 0) {
            attr.putInt(24, logLevel);
            attr.putInt(28, logSize);
            attr.putAddress(32, log.address());
        }
        long fd = Syscall.LIBC.syscall(number(), PROG_LOAD, attr, LOAD_ATTR);
        int errno = fd < 0 ? Syscall.RUNTIME.getLastError() : 0;
        byte[] text = new byte[logSize];
        log.get(0, text, 0, text.length);
        return new Loaded(fd, errno, new String(text, StandardCharsets.US_ASCII).split("\0", 2)[0].strip());
    }

    /** SYS_bpf: 321 on x86_64, 280 on the generic table (arm64, riscv64). */
    static long number() {
        switch (System.getProperty("os.arch")) {
            case "amd64":
            case "x86_64":
                return 321;
            case "aarch64":
            case "riscv64":
                return 280;
            default:
                throw new UnsupportedOperationException(
                        "bpf: no syscall number known for " + System.getProperty("os.arch"));
        }
    }
}
