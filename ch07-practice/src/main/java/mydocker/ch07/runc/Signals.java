package mydocker.ch07.runc;

import java.util.List;
import java.util.Locale;

/** A signal as runc's {@code kill} takes it: a number, or a name with or without {@code SIG} (Linux x86 numbering). */
final class Signals {
    /** Names of signals 1 to 31, in order. */
    private static final List<String> NAMES = List.of(
            "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
            "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
            "WINCH", "IO", "PWR", "SYS");

    private Signals() {}

    static int parse(String signal) {
        if (signal.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(signal);
            if (number >= 1 && number <= 64) {
                return number;
            }
        }
        String name = signal.toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "unknown signal '" + signal + "': give a number (1-64) or a name such as TERM or SIGKILL");
        }
        return index + 1;
    }
}
