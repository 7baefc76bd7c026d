package mydocker.ch05;

/** {@code -e KEY=VALUE} or {@code -e KEY}: the key must be there and hold no '=' or whitespace. */
final class Env {
    private Env() {
    }

    static void check(String flag) {
        int eq = flag.indexOf('=');
        String key = eq < 0 ? flag : flag.substring(0, eq);
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid environment variable: '" + flag
                    + "' (expected KEY=VALUE or KEY, e.g. -e GREETING=hi)");
        }
    }
}
