package mydocker.syscall;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes a bit mask the way the man pages do, {@code MS_REC|MS_PRIVATE}, so an
 * error message shows which flags were asked for. Bits without a name are kept
 * as hex; zero is {@code 0}.
 */
final class FlagNames {
    private final Map<Long, String> names = new LinkedHashMap<>();

    FlagNames add(String name, long bit) {
        names.put(bit, name);
        return this;
    }

    String describe(long flags) {
        if (flags == 0) {
            return "0";
        }
        StringJoiner out = new StringJoiner("|");
        long rest = flags;
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if ((rest & e.getKey()) == e.getKey()) {
                out.add(e.getValue());
                rest &= ~e.getKey();
            }
        }
        if (rest != 0) {
            out.add("0x" + Long.toHexString(rest));
        }
        return out.toString();
    }
}
