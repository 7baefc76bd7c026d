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

    private CpuList() {
    }

    static SortedSet<Integer> parse(String text) {
        String list = text.strip();
        if (!LIST.matcher(list).matches()) {
            throw new IllegalArgumentException("invalid --cpuset-cpus '" + text
                    + "': expected CPU numbers such as 0, 0-1 or 0,2");
        }
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String range : list.split(",")) {
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0]);
            int last = Integer.parseInt(ends[ends.length - 1]);
            if (last > MAX_CPU) {
                throw new IllegalArgumentException("invalid --cpuset-cpus '" + text + "': no machine has CPU " + last);
            }
            if (last < first) {
                throw new IllegalArgumentException("invalid --cpuset-cpus '" + text + "': range " + range + " runs backwards");
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
