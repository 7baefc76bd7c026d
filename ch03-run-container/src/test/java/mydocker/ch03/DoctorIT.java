package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.Test;

/** After scripts/install-deps.sh, as root, this machine has everything the chapters need. */
@Privileged
class DoctorIT {
    @Test
    void everyCheckPassesOnAPreparedMachine() {
        Result r = ChapterProgram.run(Main.class, "doctor");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(
                r.stdout().lines().filter(l -> !l.equals("All set.")).allMatch(l -> l.startsWith("ok  ")), r::toString);
        assertTrue(r.stdout().endsWith("All set.\n"), r::toString);
    }
}
