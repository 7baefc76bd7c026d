package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container's state file damaged on disk — truncated, garbled, empty, of
 * the wrong shape, a directory in its place — is named on one line, never
 * stops a command about another container, and `rm -f` takes that container
 * off the host, process and cgroup included.
 */
@Privileged
class CorruptStateIT {
    @RegisterExtension
    static final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    private final Set<String> made = new TreeSet<>();

    enum Damage {
        TRUNCATED,
        GARBLED,
        EMPTY,
        WRONG_SHAPE,
        DIRECTORY
    }

    @AfterEach
    void nothingIsLeft() {
        assertEquals(List.of(), engine.removeAllAndListLeftovers(made));
    }

    /** Every kind of damage at once, one container each, beside a healthy one. */
    @ParameterizedTest
    @ValueSource(strings = {"config.json", "state.json", "exit.json"})
    void aBrokenStateFileIsNamedAndItsContainerCanBeRemoved(String file) throws Exception {
        String healthy = runDetached("--name", "healthy", "busybox", "sleep", "300");
        Map<Damage, String> broken = new EnumMap<>(Damage.class);
        for (Damage damage : Damage.values()) {
            // exit.json exists once a container has ended; the others are damaged on a running one.
            broken.put(
                    damage,
                    file.equals("exit.json")
                            ? runDetached("busybox", "sh", "-c", "exit 3")
                            : runDetached("busybox", "sleep", "300"));
        }
        Map<String, List<Path>> cgroups = new HashMap<>();
        Map<String, Integer> pids = new HashMap<>();
        for (Map.Entry<Damage, String> e : broken.entrySet()) {
            Path dir = engine.dataRoot().resolve("containers").resolve(e.getValue());
            Poll.until(file + " is written", () -> Files.exists(dir.resolve(file)));
            cgroups.put(
                    e.getValue(),
                    Files.readAllLines(dir.resolve("cgroups")).stream()
                            .map(Path::of)
                            .toList());
            pids.put(
                    e.getValue(),
                    Integer.parseInt(Files.readString(dir.resolve("init.pid")).strip()));
            damage(dir.resolve(file), e.getKey());
        }

        Result ps = engine.ok("ps", "-a");
        assertEquals(broken.size(), ps.stderr().lines().count(), ps::toString);
        for (String id : broken.values()) {
            String shortId = id.substring(0, 12);
            assertTrue(
                    ps.stderr()
                            .lines()
                            .anyMatch(l -> l.startsWith(
                                            "mydocker: warning: container " + shortId + ": " + file + " is corrupt (")
                                    && l.endsWith("): remove it with mydocker rm -f " + shortId)),
                    ps::toString);
            assertTrue(ps.stdout().lines().anyMatch(l -> l.startsWith(shortId) && l.contains("Dead")), ps::toString);
        }
        assertTrue(
                ps.stdout().lines().anyMatch(l -> l.startsWith(healthy.substring(0, 12)) && l.contains(" Up ")),
                ps::toString);

        String other = runDetached("--name", "after", "busybox", "true");
        engine.ok("stop", "-t", "0", "healthy");
        String one = broken.get(Damage.TRUNCATED).substring(0, 12);
        for (String command : file.equals("config.json") ? List.of("start", "stop") : List.of("start", "stop", "rm")) {
            Result r = engine.run(command, one);
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
            assertTrue(
                    r.stderr().startsWith("mydocker: container " + one + ": " + file + " is corrupt ("), r::toString);
        }
        engine.ok("logs", one.substring(0, 6));

        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        broken.values().forEach(id -> rm.add(id.substring(0, 8)));
        engine.ok(rm.toArray(String[]::new));
        for (String id : broken.values()) {
            assertFalse(Files.exists(engine.dataRoot().resolve("containers").resolve(id)), "its directory");
            assertFalse(
                    Files.exists(engine.execRoot().resolve("container-locks").resolve(id)), "its start lock");
            cgroups.get(id).forEach(g -> assertFalse(Files.exists(g), "its cgroup " + g));
            assertTrue(gone(pids.get(id)), "its process");
        }
        assertTrue(engine.ok("ps", "-a", "-q").stdout().contains(other.substring(0, 12)), "the others are still there");
    }

    /**
     * A cgroups record that names another container's group: `exec` would put
     * its command there and `rm -f` would kill and remove it. Both refuse the
     * record instead; `rm -f` finds the container's own group by its parent.
     */
    @Test
    void aCgroupsRecordNamingAnotherGroupIsRefusedAndOnlyTheContainersOwnGroupGoes() throws Exception {
        String decoy = runDetached("--name", "decoy", "busybox", "sleep", "300");
        String id = runDetached("busybox", "sleep", "300");
        String shortId = id.substring(0, 12);
        Path dir = engine.dataRoot().resolve("containers").resolve(id);
        List<Path> own = Files.readAllLines(dir.resolve("cgroups")).stream()
                .map(Path::of)
                .toList();
        List<String> decoys = Files.readAllLines(
                engine.dataRoot().resolve("containers").resolve(decoy).resolve("cgroups"));
        int pid = Integer.parseInt(Files.readString(dir.resolve("init.pid")).strip());
        Files.write(dir.resolve("cgroups"), decoys);

        for (List<String> command : List.of(List.of("exec", shortId, "true"), List.of("rm", shortId))) {
            Result r = engine.run(command.toArray(String[]::new));
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
            assertTrue(
                    r.stderr().startsWith("mydocker: container " + shortId + ": cgroups is corrupt (cgroup "),
                    r::toString);
        }
        Result rm = engine.ok("rm", "-f", shortId);
        assertTrue(
                rm.stderr().startsWith("mydocker: warning: container " + shortId + ": cgroups is corrupt"),
                rm::toString);
        assertTrue(gone(pid), "its process");
        own.forEach(g -> assertFalse(Files.exists(g), "its cgroup " + g));
        decoys.forEach(g -> assertTrue(Files.isDirectory(Path.of(g)), "the other container's cgroup " + g));
        assertTrue(engine.ok("ps", "-q").stdout().contains(decoy.substring(0, 12)), "the other container runs on");
    }

    private static void damage(Path file, Damage damage) throws Exception {
        byte[] good = Files.readAllBytes(file);
        switch (damage) {
            case TRUNCATED -> Files.write(file, Arrays.copyOf(good, good.length / 2));
            case GARBLED -> Files.write(file, "\u0000\u00ff{not json".getBytes(StandardCharsets.ISO_8859_1));
            case EMPTY -> Files.write(file, new byte[0]);
            case WRONG_SHAPE -> Files.writeString(file, "[1]");
            case DIRECTORY -> {
                Files.delete(file);
                Files.createDirectories(file.resolve("inside"));
            }
        }
    }

    private String runDetached(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        all.addAll(List.of(args));
        String id = engine.ok(all.toArray(String[]::new)).stdout().strip();
        made.add(id);
        return id;
    }

    /** No such process, or only its exit status left to reap. */
    private static boolean gone(int pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z ");
        } catch (Exception e) {
            return true;
        }
    }
}
