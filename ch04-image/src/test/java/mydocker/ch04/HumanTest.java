package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanTest {
    private static String ago(Duration d) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return Human.ago(now.minus(d), now);
    }

    @Test
    void timesAsDockerPrintsThem() {
        assertEquals("Less than a second ago", ago(Duration.ofMillis(300)));
        assertEquals("1 second ago", ago(Duration.ofSeconds(1)));
        assertEquals("42 seconds ago", ago(Duration.ofSeconds(42)));
        assertEquals("About a minute ago", ago(Duration.ofSeconds(90)));
        assertEquals("3 minutes ago", ago(Duration.ofMinutes(3)));
        assertEquals("About an hour ago", ago(Duration.ofMinutes(70)));
        assertEquals("5 hours ago", ago(Duration.ofHours(5)));
        assertEquals("3 days ago", ago(Duration.ofDays(3)));
        assertEquals("3 weeks ago", ago(Duration.ofDays(21)));
        assertEquals("4 months ago", ago(Duration.ofDays(125)));
        assertEquals("3 years ago", ago(Duration.ofDays(365 * 3 + 1)));
    }

    @Test
    void sizesInDecimalUnits() {
        assertEquals("512B", Human.size(512));
        assertEquals("1.98MB", Human.size(1_982_000));
        assertEquals("4.26MB", Human.size(4_260_000));
        assertEquals("12MB", Human.size(12_000_000));
        assertEquals("1GB", Human.size(1_000_000_000));
    }

    @Test
    void tableColumnsLineUp() {
        String table = new Table("REPOSITORY", "TAG", "IMAGE ID")
                .row("busybox", "latest", "1f4db66758b6")
                .row("a-much-longer-name", "1", "0123456789ab")
                .toString();
        assertEquals("""
                REPOSITORY           TAG      IMAGE ID
                busybox              latest   1f4db66758b6
                a-much-longer-name   1        0123456789ab
                """, table);
    }
}
