package mydocker.ch02.cgroups;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes the way Docker reads {@code -m}: {@code 100m}, {@code 1.5g},
 * {@code 512k}, {@code 1024} (bytes); units are powers of 1024 and may be
 * followed by an optional {@code i} and {@code b} ({@code 100MiB}, {@code 100mb}).
 * This is go-units' RAMInBytes, which docker run uses.
 */
public final class MemorySize {
    private static final Pattern SIZE =
            Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "kmgtp";

    private MemorySize() {}

    /** Bytes, or IllegalArgumentException naming the input and the expected form. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "invalid size: '" + text + "' (expected a number with an optional unit b, k, m or g, e.g. 100m)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            int power = UNITS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            bytes = bytes.multiply(BigDecimal.valueOf(1024).pow(power));
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "' is too large");
        }
        return bytes.longValue();
    }

    /** {@code 104857600} → {@code 100MiB}: for messages. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.floor(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + units[unit];
    }
}
