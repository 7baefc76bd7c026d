package mydocker.ch07.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import mydocker.ch07.oci.DeviceCgroup;
import mydocker.ch07.oci.DeviceCgroupRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The v2 device filter says what the v1 model says: the program, run by a
 * small interpreter of the instructions it uses, against {@link DeviceCgroup}'s
 * default and exceptions, for any rules and any device asked about.
 */
class DeviceFilterTest {
    private static final long ANY = DeviceCgroupRule.ANY;

    /** A device the kernel asks about: type 'b' or 'c', one access of r w m, its numbers. */
    record Ask(char type, char access, long major, long minor) {}

    @Property(tries = 300)
    void theProgramAllowsExactlyWhatTheRulesAllow(
            @ForAll("rules") List<DeviceCgroupRule> rules, @ForAll("asks") List<Ask> asks) {
        DeviceCgroup devices;
        try {
            devices = DeviceCgroup.of(rules);
        } catch (IllegalArgumentException refused) {
            return; // a hole punched in a wildcard: refused when config.json is read
        }
        byte[] program = DeviceFilter.program(devices);
        for (Ask ask : asks) {
            assertEquals(model(devices, ask), run(program, ask), ask + " with " + rules);
        }
    }

    @Property(tries = 1)
    void aDeniedDeviceIsRefusedAndADefaultOneAllowed() {
        DeviceCgroup docker = DeviceCgroup.of(List.of(
                new DeviceCgroupRule(false, 'a', ANY, ANY, "rwm"),
                new DeviceCgroupRule(true, 'c', 1, 3, "rwm"),
                new DeviceCgroupRule(true, 'b', ANY, ANY, "m")));
        byte[] program = DeviceFilter.program(docker);
        assertEquals(true, run(program, new Ask('c', 'w', 1, 3)));
        assertEquals(false, run(program, new Ask('c', 'r', 1, 1)));
        assertEquals(true, run(program, new Ask('b', 'm', 254, 0)));
        assertEquals(false, run(program, new Ask('b', 'r', 254, 0)));
        assertEquals(false, run(program, new Ask('c', 'r', 3L << 30, 3)), "a major at or above 2^31 is compared whole");
    }

    private static boolean model(DeviceCgroup devices, Ask ask) {
        for (DeviceCgroupRule e : devices.exceptions()) {
            if (e.type() == ask.type()
                    && e.access().indexOf(ask.access()) >= 0
                    && (e.major() == ANY || e.major() == ask.major())
                    && (e.minor() == ANY || e.minor() == ask.minor())) {
                return e.allow();
            }
        }
        return devices.defaultAllow();
    }

    /** Runs the program on bpf_cgroup_dev_ctx for {@code ask}: just the instructions DeviceFilter writes. */
    private static boolean run(byte[] program, Ask ask) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int accessBit = ask.access() == 'm' ? 1 : ask.access() == 'r' ? 2 : 4;
        int[] ctx = {(accessBit << 16) | (ask.type() == 'b' ? 1 : 2), (int) ask.major(), (int) ask.minor()};
        long[] reg = new long[11];
        for (int pc = 0; ; pc++) {
            int op = code.get(pc * 8) & 0xff;
            int dst = code.get(pc * 8 + 1) & 0x0f;
            int src = (code.get(pc * 8 + 1) & 0xf0) >> 4;
            short off = code.getShort(pc * 8 + 2);
            int imm = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x61 -> reg[dst] = Integer.toUnsignedLong(ctx[off / 4]); // ldxw from r1 (ctx)
                case 0x54 -> reg[dst] = Integer.toUnsignedLong((int) reg[dst] & imm);
                case 0x74 -> reg[dst] = Integer.toUnsignedLong((int) reg[dst] >>> imm);
                case 0xb4 -> reg[dst] = Integer.toUnsignedLong(imm);
                case 0xbc -> reg[dst] = Integer.toUnsignedLong((int) reg[src]);
                case 0x56 -> pc += (int) reg[dst] != imm ? off : 0;
                case 0x5e -> pc += (int) reg[dst] != (int) reg[src] ? off : 0;
                case 0x95 -> {
                    return reg[0] == 1;
                }
                default -> throw new AssertionError("opcode " + Integer.toHexString(op) + " at " + pc);
            }
        }
    }

    @Provide
    Arbitrary<List<DeviceCgroupRule>> rules() {
        Arbitrary<Long> number = Arbitraries.of(ANY, 1L, 3L, 5L, 0xffff_fffeL);
        Arbitrary<DeviceCgroupRule> numbered = Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of('b', 'c'),
                        number,
                        number,
                        Arbitraries.of("r", "w", "m", "rw", "rm", "wm", "rwm"))
                .as(DeviceCgroupRule::new);
        Arbitrary<DeviceCgroupRule> all =
                Arbitraries.of(true, false).map(allow -> new DeviceCgroupRule(allow, 'a', ANY, ANY, "rwm"));
        return Arbitraries.frequencyOf(Tuple.of(6, numbered), Tuple.of(1, all))
                .list()
                .ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Ask>> asks() {
        Arbitrary<Long> number = Arbitraries.of(1L, 3L, 5L, 7L, 0xffff_fffeL);
        return Combinators.combine(Arbitraries.of('b', 'c'), Arbitraries.of('r', 'w', 'm'), number, number)
                .as(Ask::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(20);
    }
}
