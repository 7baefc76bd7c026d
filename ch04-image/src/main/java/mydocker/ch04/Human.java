package mydocker.ch04;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Times and sizes the way the docker CLI prints them (go-units' HumanDuration and HumanSize). */
public final class Human {
    private Human() {}

    /** {@code Less than a second ago}, {@code 3 minutes ago}, {@code About an hour ago}, {@code 2 weeks ago}. */
    public static String ago(Instant then, Instant now) {
        return duration(Duration.between(then, now)) + " ago";
    }

    /** {@code 3 seconds}, {@code About a minute}: how long since {@code then}. */
    public static String duration(Instant then, Instant now) {
        return duration(Duration.between(then, now));
    }

    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMinutes() / 60.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }

    /** Decimal units, three significant digits: {@code 2.18MB}, {@code 512B}. */
    public static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.3g", value);
        if (number.contains(".")) {
            number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return number + units[unit];
    }
}
