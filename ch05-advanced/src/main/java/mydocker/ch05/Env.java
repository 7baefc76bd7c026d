package mydocker.ch05;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Book 5.8: {@code -e KEY=VALUE} sets a variable, {@code -e KEY} passes the host's value (if it has one), as Docker. */
final class Env {
    private Env() {}

    /** The key must be there and hold no whitespace. */
    static void check(String flag) {
        int eq = flag.indexOf('=');
        String key = eq < 0 ? flag : flag.substring(0, eq);
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "invalid environment variable: '" + flag + "' (expected KEY=VALUE or KEY, e.g. -e GREETING=hi)");
        }
    }

    /** {@code base} (KEY=VALUE entries) with the {@code -e} flags applied on top. */
    static List<String> merge(List<String> base, List<String> flags) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String entry : base) {
            int eq = entry.indexOf('=');
            merged.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq > 0) {
                merged.put(flag.substring(0, eq), flag.substring(eq + 1));
            } else if (System.getenv(flag) != null) {
                merged.put(flag, System.getenv(flag));
            }
        }
        List<String> list = new ArrayList<>();
        merged.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }
}
