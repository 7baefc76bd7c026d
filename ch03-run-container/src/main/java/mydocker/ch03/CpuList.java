package mydocker.ch03;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The kernel's CPU list format, as in {@code cpuset.cpus} and
 * {@code /sys/devices/system/cpu/online}: {@code 0}, {@code 0-3}, {@code 0,2-3}.
 */
final class CpuList {
    private static final Pattern LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    /** The kernel's NR_CPUS ceiling; also keeps a typo like 0-99999999 from looping. */
    private static final int MAX_CPU = 8191;

    private CpuList() {}

    static SortedSet<Integer> parse(String text) {
        String list = text.strip();
        if (!LIST.matcher(list).matches()) {
            throw new IllegalArgumentException(
                    "invalid --cpuset-cpus '" + text + "': expected CPU numbers such as 0, 0-1 or 0,2");
        }
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String range : list.split(",")) {
            String[] ends = range.split("-");
            int first = cpu(ends[0], text);
            int last = cpu(ends[ends.length - 1], text);
            if (last < first) {
                throw new IllegalArgumentException(
                        "invalid --cpuset-cpus '" + text + "': range " + range + " runs backwards");
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** One CPU number, checked as text first: a number too long for an int is no CPU either. */
    private static int cpu(String digits, String text) {
        String number = digits.replaceFirst("^0+(?=.)", "");
        if (number.length() > 4 || Integer.parseInt(number) > MAX_CPU) {
            throw new IllegalArgumentException("invalid --cpuset-cpus '" + text + "': no machine has CPU " + number
                    + " (the kernel allows at most " + (MAX_CPU + 1) + ")");
        }
        return Integer.parseInt(number);
    }
}
