package mydocker.syscall;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small eBPF assembler: the few instructions a device filter needs (what
 * runc takes from cilium/ebpf's {@code asm}), written as the kernel reads
 * them, {@code struct bpf_insn}: one opcode byte, the destination register in
 * the low and the source register in the high nibble of the next, a signed
 * 16-bit jump offset (in instructions, from the one after the jump) and a
 * signed 32-bit immediate, little-endian. A jump names a label; {@link
 * #assemble} turns labels into offsets, so a forward jump can be written
 * before its target exists.
 *
 * <p>Every comparison is a 32-bit one ({@code BPF_JMP32}, Linux 5.1): the
 * device numbers are u32, and a 64-bit compare with a sign-extended immediate
 * would miss a number at or above 2^31.
 */
public final class BpfInstructions {
    public static final int R0 = 0;
    public static final int R1 = 1;
    public static final int R2 = 2;
    public static final int R3 = 3;
    public static final int R4 = 4;
    public static final int R5 = 5;

    private static final int LDX_MEM_W = 0x61; // BPF_LDX | BPF_MEM | BPF_W
    private static final int ALU_AND_K = 0x54; // BPF_ALU | BPF_AND | BPF_K
    private static final int ALU_RSH_K = 0x74; // BPF_ALU | BPF_RSH | BPF_K
    private static final int ALU_MOV_K = 0xb4; // BPF_ALU | BPF_MOV | BPF_K
    private static final int ALU_MOV_X = 0xbc; // BPF_ALU | BPF_MOV | BPF_X
    private static final int JMP32_JNE_K = 0x56; // BPF_JMP32 | BPF_JNE | BPF_K
    private static final int JMP32_JNE_X = 0x5e; // BPF_JMP32 | BPF_JNE | BPF_X
    private static final int JMP_EXIT = 0x95; // BPF_JMP | BPF_EXIT

    private record Instruction(int code, int dst, int src, int offset, int imm, String target) {}

    private final List<Instruction> instructions = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    /** {@code dst = *(u32 *)(src + offset)}. */
    public BpfInstructions loadWord(int dst, int src, int offset) {
        return add(new Instruction(LDX_MEM_W, dst, src, offset, 0, null));
    }

    /** {@code dst &= imm} (32-bit). */
    public BpfInstructions and(int dst, int imm) {
        return add(new Instruction(ALU_AND_K, dst, 0, 0, imm, null));
    }

    /** {@code dst >>= imm} (32-bit, logical). */
    public BpfInstructions shiftRight(int dst, int imm) {
        return add(new Instruction(ALU_RSH_K, dst, 0, 0, imm, null));
    }

    /** {@code dst = imm} (32-bit). */
    public BpfInstructions move(int dst, int imm) {
        return add(new Instruction(ALU_MOV_K, dst, 0, 0, imm, null));
    }

    /** {@code dst = src} (32-bit). */
    public BpfInstructions moveRegister(int dst, int src) {
        return add(new Instruction(ALU_MOV_X, dst, src, 0, 0, null));
    }

    /** {@code if (dst != imm) goto label} (32-bit compare). */
    public BpfInstructions jumpIfNot(int dst, int imm, String label) {
        return add(new Instruction(JMP32_JNE_K, dst, 0, 0, imm, label));
    }

    /** {@code if (dst != src) goto label} (32-bit compare). */
    public BpfInstructions jumpIfNotRegister(int dst, int src, String label) {
        return add(new Instruction(JMP32_JNE_X, dst, src, 0, 0, label));
    }

    /** Return R0. */
    public BpfInstructions exit() {
        return add(new Instruction(JMP_EXIT, 0, 0, 0, 0, null));
    }

    /** Names the next instruction added. */
    public BpfInstructions label(String name) {
        if (labels.putIfAbsent(name, instructions.size()) != null) {
            throw new IllegalArgumentException("bpf: label " + name + " given twice");
        }
        return this;
    }

    /** The program as the kernel takes it, 8 bytes an instruction; a jump to a label never given is an error. */
    public byte[] assemble() {
        ByteBuffer out = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int pc = 0; pc < instructions.size(); pc++) {
            Instruction i = instructions.get(pc);
            int offset = i.offset();
            if (i.target() != null) {
                Integer at = labels.get(i.target());
                if (at == null || at <= pc || at > instructions.size() - 1) {
                    throw new IllegalStateException("bpf: instruction " + pc + " jumps to " + i.target()
                            + ", which is not an instruction after it");
                }
                offset = at - pc - 1;
            }
            out.put((byte) i.code());
            out.put((byte) (i.src() << 4 | i.dst()));
            out.putShort((short) offset);
            out.putInt(i.imm());
        }
        return out.array();
    }

    private BpfInstructions add(Instruction instruction) {
        instructions.add(instruction);
        return this;
    }
}
