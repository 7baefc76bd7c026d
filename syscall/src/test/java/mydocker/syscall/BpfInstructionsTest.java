package mydocker.syscall;

import static mydocker.syscall.BpfInstructions.R0;
import static mydocker.syscall.BpfInstructions.R1;
import static mydocker.syscall.BpfInstructions.R2;
import static mydocker.syscall.BpfInstructions.R3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** struct bpf_insn as the kernel reads it: opcode, dst | src << 4, offset, immediate, little-endian. */
class BpfInstructionsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void eachInstructionIsEncodedAsLinuxBpfHSaysIt() {
        byte[] program = new BpfInstructions()
                .loadWord(R2, R1, 4) // ldxw r2, [r1+4]
                .and(R2, 0xffff)
                .shiftRight(R3, 16)
                .moveRegister(R1, R3)
                .move(R0, 1)
                .exit()
                .assemble();
        assertArrayEquals(
                hex(
                        "61 12 0400 00000000" // BPF_LDX|BPF_MEM|BPF_W, src r1, dst r2
                                + "54 02 0000 ffff0000" // BPF_ALU|BPF_AND|BPF_K
                                + "74 03 0000 10000000" // BPF_ALU|BPF_RSH|BPF_K
                                + "bc 31 0000 00000000" // BPF_ALU|BPF_MOV|BPF_X, src r3, dst r1
                                + "b4 00 0000 01000000" // BPF_ALU|BPF_MOV|BPF_K
                                + "95 00 0000 00000000"), // BPF_JMP|BPF_EXIT
                program);
    }

    @Test
    void aJumpToALabelBecomesTheOffsetFromTheNextInstruction() {
        byte[] program = new BpfInstructions()
                .jumpIfNot(R2, 2, "out")
                .jumpIfNotRegister(R1, R3, "out")
                .move(R0, 1)
                .exit()
                .label("out")
                .move(R0, 0)
                .exit()
                .assemble();
        assertArrayEquals(
                hex(
                        "56 02 0300 02000000" // BPF_JMP32|BPF_JNE|BPF_K, +3
                                + "5e 31 0200 00000000" // BPF_JMP32|BPF_JNE|BPF_X, +2
                                + "b4 00 0000 01000000 95 00 0000 00000000"
                                + "b4 00 0000 00000000 95 00 0000 00000000"),
                program);
    }

    @Test
    void aJumpNowhereOrBackwardsIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> new BpfInstructions().jumpIfNot(R2, 1, "missing").exit().assemble());
        assertThrows(
                IllegalStateException.class,
                () -> new BpfInstructions()
                        .label("back")
                        .jumpIfNot(R2, 1, "back")
                        .exit()
                        .assemble());
    }
}
