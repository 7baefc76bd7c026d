package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's init as the runtime finds it again in a later command: its
 * pid and its start time (field 22 of /proc/PID/stat), so a reused pid never
 * passes for it. A zombie (ended, not yet reaped by its supervisor) counts as
 * ended.
 */
record InitProcess(int pid, String startTime) {
    static InitProcess of(int pid) {
        List<String> stat = stat(pid);
        if (stat == null) {
            throw new IllegalStateException("process " + pid + " is gone");
        }
        return new InitProcess(pid, stat.get(22 - 3));
    }

    boolean alive() {
        List<String> stat = stat(pid);
        return stat != null
                && stat.get(22 - 3).equals(startTime)
                && !stat.get(0).equals("Z");
    }

    /** The fields after the command name (field 3 on), or null if there is no such process. */
    private static List<String> stat(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from its end.
            return List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException e) {
            return null;
        }
    }
}
