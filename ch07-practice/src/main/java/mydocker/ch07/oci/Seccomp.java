package mydocker.ch07.oci;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import mydocker.ch03.InitMessage;
import mydocker.syscall.SeccompFilter;

/**
 * {@code linux.seccomp} (book chapter 7, "contained"), checked once: the
 * action for a syscall no rule names, the extra architectures (libseccomp's
 * names: {@code x86}, {@code x32}), seccomp(2)'s flags, and one rule per
 * syscall name. Names stay names: which ones this machine's libseccomp knows
 * is learned in init, when {@link LoadSeccomp} compiles the filter; runc skips
 * the ones it does not know (a newer kernel's syscall in an older library),
 * and so does this runtime.
 */
public record Seccomp(Action defaultAction, List<String> architectures, int flags, List<Rule> rules) {
    /** An action and the errno (or tracer's value) ERRNO and TRACE carry, as libseccomp encodes it. */
    public record Action(String name, int code) {}

    /** {@code action} for the syscall {@code name} when every comparison holds. */
    public record Rule(String name, Action action, List<SeccompFilter.Comparison> comparisons) {}

    static final String FIELD = "linux.seccomp";

    /** The runtime spec's actions, libseccomp's codes; whether each takes an errnoRet. */
    private static final Map<String, Integer> ACTIONS = Map.of(
            "SCMP_ACT_KILL", SeccompFilter.ACT_KILL_THREAD,
            "SCMP_ACT_KILL_THREAD", SeccompFilter.ACT_KILL_THREAD,
            "SCMP_ACT_KILL_PROCESS", SeccompFilter.ACT_KILL_PROCESS,
            "SCMP_ACT_TRAP", SeccompFilter.ACT_TRAP,
            "SCMP_ACT_ERRNO", SeccompFilter.ACT_ERRNO,
            "SCMP_ACT_TRACE", SeccompFilter.ACT_TRACE,
            "SCMP_ACT_LOG", SeccompFilter.ACT_LOG,
            "SCMP_ACT_ALLOW", SeccompFilter.ACT_ALLOW);

    private static final List<String> OPERATORS = List.of(
            "SCMP_CMP_NE",
            "SCMP_CMP_LT",
            "SCMP_CMP_LE",
            "SCMP_CMP_EQ",
            "SCMP_CMP_GE",
            "SCMP_CMP_GT",
            "SCMP_CMP_MASKED_EQ");

    /** The spec's architectures (runc's list); libseccomp's name is the rest, lower case. */
    private static final List<String> ARCHITECTURES = List.of(
            "SCMP_ARCH_X86",
            "SCMP_ARCH_X86_64",
            "SCMP_ARCH_X32",
            "SCMP_ARCH_ARM",
            "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_MIPS",
            "SCMP_ARCH_MIPS64",
            "SCMP_ARCH_MIPS64N32",
            "SCMP_ARCH_MIPSEL",
            "SCMP_ARCH_MIPSEL64",
            "SCMP_ARCH_MIPSEL64N32",
            "SCMP_ARCH_PPC",
            "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE",
            "SCMP_ARCH_RISCV64",
            "SCMP_ARCH_S390",
            "SCMP_ARCH_S390X");

    /**
     * seccomp(2)'s flags the spec names. TSYNC is taken and not used, as runc
     * does: the filter is loaded on the thread that calls execve, and the
     * JVM's other threads end there.
     */
    private static final Map<String, Integer> FLAGS = Map.of(
            "SECCOMP_FILTER_FLAG_TSYNC", 0,
            "SECCOMP_FILTER_FLAG_LOG", SeccompFilter.FLAG_LOG,
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SeccompFilter.FLAG_SPEC_ALLOW);

    private static final String NOTIFY = "SCMP_ACT_NOTIFY";

    public Seccomp {
        architectures = List.copyOf(architectures);
        rules = List.copyOf(rules);
    }

    /** What {@code features} reports: the actions, operators, architectures and flags taken. */
    public static List<String> actionNames() {
        return ACTIONS.keySet().stream().sorted().toList();
    }

    public static List<String> operatorNames() {
        return OPERATORS;
    }

    public static List<String> architectureNames() {
        return ARCHITECTURES;
    }

    public static List<String> flagNames() {
        return FLAGS.keySet().stream().sorted().toList();
    }

    /** linux.seccomp, checked; empty when there is none (or neither a default action nor a syscall, as runc). */
    public static Optional<Seccomp> of(Spec.Seccomp spec) {
        return of(spec, "config.json: " + FIELD + ".");
    }

    /** The same, a problem named after {@code where}: {@code "config.json: linux.seccomp."}, or a profile's file. */
    public static Optional<Seccomp> of(Spec.Seccomp spec, String where) {
        if (spec == null
                || (empty(spec.defaultAction())
                        && (spec.syscalls() == null || spec.syscalls().isEmpty()))) {
            return Optional.empty();
        }
        require(
                where,
                empty(spec.listenerPath()),
                "listenerPath",
                "is not supported: no seccomp agent gets notified (SCMP_ACT_NOTIFY)");
        Action defaultAction =
                action(where, spec.defaultAction(), spec.defaultErrnoRet(), "defaultAction", "defaultErrnoRet");
        List<String> architectures = new ArrayList<>();
        for (String arch : spec.architectures() == null ? List.<String>of() : spec.architectures()) {
            require(
                    where,
                    ARCHITECTURES.contains(arch),
                    "architectures",
                    "'" + arch + "' is not one of " + String.join(", ", ARCHITECTURES));
            architectures.add(arch.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT));
        }
        List<Rule> rules = new ArrayList<>();
        List<Spec.SeccompSyscall> syscalls = spec.syscalls() == null ? List.of() : spec.syscalls();
        for (int i = 0; i < syscalls.size(); i++) {
            rules.addAll(rules(where, syscalls.get(i), "syscalls[" + i + "]", defaultAction));
        }
        return Optional.of(new Seccomp(defaultAction, architectures, flags(where, spec.flags()), rules));
    }

    /** Flags as runc takes them: none given means SPEC_ALLOW (its default), an empty list means none. */
    private static int flags(String where, List<String> names) {
        if (names == null) {
            return SeccompFilter.FLAG_SPEC_ALLOW;
        }
        int flags = 0;
        for (String name : names) {
            Integer flag = FLAGS.get(name);
            require(
                    where,
                    flag != null,
                    "flags",
                    "'" + name + "' is not supported (" + String.join(", ", flagNames()) + " are)");
            flags |= flag;
        }
        return flags;
    }

    /**
     * One entry's rules: one per name. A syscall whose action is the default
     * one adds nothing (runc skips it; libseccomp would refuse it). Two
     * comparisons of the same argument would have to hold at once in one
     * rule, so runc makes each a rule of its own; so does this.
     */
    private static List<Rule> rules(String where, Spec.SeccompSyscall call, String at, Action defaultAction) {
        require(where, call != null, at, "is null");
        require(where, call.names() != null && !call.names().isEmpty(), at + ".names", "must name a syscall");
        Action action = action(where, call.action(), call.errnoRet(), at + ".action", at + ".errnoRet");
        List<SeccompFilter.Comparison> comparisons = new ArrayList<>();
        List<Spec.SeccompArg> args = call.args() == null ? List.of() : call.args();
        for (int i = 0; i < args.size(); i++) {
            comparisons.add(comparison(where, args.get(i), at + ".args[" + i + "]"));
        }
        boolean sameArgumentTwice = comparisons.stream()
                .collect(Collectors.groupingBy(SeccompFilter.Comparison::index, Collectors.counting()))
                .values()
                .stream()
                .anyMatch(n -> n > 1);
        List<Rule> rules = new ArrayList<>();
        for (String name : call.names()) {
            require(
                    where,
                    name != null && name.matches("[a-z0-9_]+"),
                    at + ".names",
                    "'" + name + "' is not a syscall name");
            if (action.equals(defaultAction)) {
                continue;
            }
            if (sameArgumentTwice) {
                comparisons.forEach(c -> rules.add(new Rule(name, action, List.of(c))));
            } else {
                rules.add(new Rule(name, action, comparisons));
            }
        }
        return rules;
    }

    private static SeccompFilter.Comparison comparison(String where, Spec.SeccompArg arg, String at) {
        require(where, arg != null, at, "is null");
        require(where, arg.index() != null && arg.index() >= 0 && arg.index() <= 5, at + ".index", "must be 0 to 5");
        int op = OPERATORS.indexOf(arg.op());
        require(where, op >= 0, at + ".op", "'" + arg.op() + "' is not one of " + String.join(", ", OPERATORS));
        require(where, arg.value() != null, at + ".value", "is missing");
        return new SeccompFilter.Comparison(
                arg.index().intValue(), op + 1, arg.value(), arg.valueTwo() == null ? 0 : arg.valueTwo());
    }

    /** An action by name; errnoRet only where it means something, as the spec says. */
    private static Action action(String where, String name, Long errnoRet, String field, String retField) {
        require(
                where,
                !NOTIFY.equals(name),
                field,
                NOTIFY + " is not supported: no seccomp agent gets notified (use SCMP_ACT_ERRNO)");
        Integer code = ACTIONS.get(name);
        require(where, code != null, field, "'" + name + "' is not one of " + String.join(", ", actionNames()));
        boolean takesValue = code == SeccompFilter.ACT_ERRNO || code == SeccompFilter.ACT_TRACE;
        if (!takesValue) {
            require(where, errnoRet == null, retField, "is only for SCMP_ACT_ERRNO and SCMP_ACT_TRACE");
            return new Action(name, code);
        }
        long value = errnoRet == null ? EPERM : errnoRet;
        require(where, value >= 0 && value <= MAX_ERRNO, retField, "must be an errno, 0 to " + MAX_ERRNO);
        return new Action(name + "(" + value + ")", code | (int) value);
    }

    private static final long EPERM = 1;
    private static final long MAX_ERRNO = 4095;

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static void require(String where, boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(where + field + " " + problem);
        }
    }

    /** What init is told: whether there is a filter, and the filter. */
    public static final InitMessage.Part<Optional<Seccomp>> PART =
            new InitMessage.Part<>("seccomp", Seccomp::write, Seccomp::read);

    private static void write(DataOutputStream out, Optional<Seccomp> seccomp) throws IOException {
        out.writeBoolean(seccomp.isPresent());
        if (seccomp.isEmpty()) {
            return;
        }
        Seccomp s = seccomp.get();
        writeAction(out, s.defaultAction());
        InitMessage.writeStrings(out, s.architectures());
        out.writeInt(s.flags());
        out.writeInt(s.rules().size());
        for (Rule r : s.rules()) {
            out.writeUTF(r.name());
            writeAction(out, r.action());
            out.writeInt(r.comparisons().size());
            for (SeccompFilter.Comparison c : r.comparisons()) {
                out.writeInt(c.index());
                out.writeInt(c.op());
                out.writeLong(c.a());
                out.writeLong(c.b());
            }
        }
    }

    private static Optional<Seccomp> read(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        Action defaultAction = readAction(in);
        List<String> architectures = InitMessage.readStrings(in);
        int flags = in.readInt();
        List<Rule> rules = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            Action action = readAction(in);
            List<SeccompFilter.Comparison> comparisons = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) {
                comparisons.add(new SeccompFilter.Comparison(in.readInt(), in.readInt(), in.readLong(), in.readLong()));
            }
            rules.add(new Rule(name, action, comparisons));
        }
        return Optional.of(new Seccomp(defaultAction, architectures, flags, rules));
    }

    private static void writeAction(DataOutputStream out, Action action) throws IOException {
        out.writeUTF(action.name());
        out.writeInt(action.code());
    }

    private static Action readAction(DataInputStream in) throws IOException {
        return new Action(in.readUTF(), in.readInt());
    }
}
