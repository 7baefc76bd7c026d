package mydocker.ch07.cgroups;

import static mydocker.syscall.BpfInstructions.R0;
import static mydocker.syscall.BpfInstructions.R1;
import static mydocker.syscall.BpfInstructions.R2;
import static mydocker.syscall.BpfInstructions.R3;
import static mydocker.syscall.BpfInstructions.R4;
import static mydocker.syscall.BpfInstructions.R5;

import java.nio.file.Path;
import java.util.List;
import mydocker.ch07.oci.DeviceCgroup;
import mydocker.ch07.oci.DeviceCgroupRule;
import mydocker.syscall.Bpf;
import mydocker.syscall.BpfInstructions;
import mydocker.syscall.Syscall;

/**
 * The device cgroup on cgroup v2 (runc's {@code devicefilter}, after crun's):
 * an eBPF program of type {@code CGROUP_DEVICE} that the kernel runs at each
 * open or mknod of a device node by a process of the group, with {@code
 * struct bpf_cgroup_dev_ctx} in R1 — {@code access_type} (the device type in
 * its low 16 bits: 1 block, 2 char; the access in its high 16: 1 mknod, 2
 * read, 4 write), {@code major}, {@code minor}, u32 each. It returns 1 to
 * allow, 0 to refuse (EPERM). One block per exception of {@link DeviceCgroup}
 * (all say the same, the opposite of the default, so their order does not
 * matter): if the type, the access asked (a subset of the rule's) and the
 * numbers match, return the exception's answer; after the last, the default.
 */
final class DeviceFilter {
    /** runc's license string; the program calls no kernel helper, so none needs GPL. */
    private static final String LICENSE = "Apache";

    private static final int BLOCK = 1;
    private static final int CHAR = 2;
    private static final int MKNOD = 1;
    private static final int READ = 2;
    private static final int WRITE = 4;

    private DeviceFilter() {}

    /** Loads the program for {@code devices} and attaches it to the group at {@code group}. */
    static void attach(Path group, DeviceCgroup devices) {
        byte[] program = program(devices);
        int dir = Syscall.open(group.toString(), Syscall.O_RDONLY | Syscall.O_CLOEXEC);
        try {
            int filter = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, program, LICENSE);
            try {
                Bpf.progAttach(dir, filter, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
            } finally {
                Syscall.close(filter); // the attachment holds the program; it goes with the group
            }
        } finally {
            Syscall.close(dir);
        }
    }

    /** The program's instructions. */
    static byte[] program(DeviceCgroup devices) {
        BpfInstructions p = new BpfInstructions()
                .loadWord(R2, R1, 0)
                .and(R2, 0xffff) // R2: the device's type
                .loadWord(R3, R1, 0)
                .shiftRight(R3, 16) // R3: the access asked
                .loadWord(R4, R1, 4) // R4: major
                .loadWord(R5, R1, 8); // R5: minor
        List<DeviceCgroupRule> exceptions = devices.exceptions();
        for (int i = 0; i < exceptions.size(); i++) {
            DeviceCgroupRule rule = exceptions.get(i);
            String next = "block-" + (i + 1);
            p.label("block-" + i).jumpIfNot(R2, rule.type() == 'b' ? BLOCK : CHAR, next);
            int access = access(rule.access());
            if (access != (MKNOD | READ | WRITE)) { // if (R3 & access) != R3: asked more than the rule gives
                p.moveRegister(R1, R3).and(R1, access).jumpIfNotRegister(R1, R3, next);
            }
            if (rule.major() != DeviceCgroupRule.ANY) {
                p.jumpIfNot(R4, (int) rule.major(), next);
            }
            if (rule.minor() != DeviceCgroupRule.ANY) {
                p.jumpIfNot(R5, (int) rule.minor(), next);
            }
            p.move(R0, rule.allow() ? 1 : 0).exit();
        }
        return p.label("block-" + exceptions.size())
                .move(R0, devices.defaultAllow() ? 1 : 0)
                .exit()
                .assemble();
    }

    private static int access(String access) {
        return (access.indexOf('r') >= 0 ? READ : 0)
                | (access.indexOf('w') >= 0 ? WRITE : 0)
                | (access.indexOf('m') >= 0 ? MKNOD : 0);
    }
}
