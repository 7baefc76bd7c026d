package mydocker.ch08;

import java.time.Instant;
import mydocker.ch02.DebugLog;

/**
 * The daemon's log on stderr, in dockerd's (logrus's) text format, so that
 * people who read dockerd's logs read this one:
 * {@code time="2026-11-28T11:00:00.123Z" level=info msg="API listening on ..."}.
 * Debug lines (each request) only with {@code -D}.
 */
public final class Log {
    private Log() {}

    public static void info(String message) {
        print("info", message);
    }

    public static void warn(String message) {
        print("warning", message);
    }

    public static void error(String message) {
        print("error", message);
    }

    public static void debug(String message) {
        if (DebugLog.enabled()) {
            print("debug", message);
        }
    }

    private static void print(String level, String message) {
        String quoted = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        System.err.println("time=\"" + Instant.now() + "\" level=" + level + " msg=\"" + quoted + "\"");
    }
}
