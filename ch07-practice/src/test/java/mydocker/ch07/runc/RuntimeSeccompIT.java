package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import mydocker.ch04.image.Json;
import mydocker.ch07.oci.DockerCapabilities;
import mydocker.ch07.oci.DockerProfile;
import mydocker.ch07.oci.Seccomp;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * linux.seccomp for real: the container's process runs under the filter
 * ({@code Seccomp: 2} in its status), a syscall the profile denies fails with
 * the profile's errno, and Docker's default profile stops unshare and mount
 * while the container's own init still gets to execve — each once without
 * the filter, to show the same command works there.
 */
@Privileged
class RuntimeSeccompIT {
    /** mkdir(2) and mkdirat(2) answered EPERM, everything else allowed. */
    private static final String NO_MKDIR = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":"
            + "[\"mkdir\",\"mkdirat\",\"a_syscall_no_kernel_has\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}";

    /** Docker's default capabilities: without CAP_SYS_ADMIN its profile denies unshare, mount, setns. */
    private static final Set<String> DOCKER_CAPS = Set.copyOf(DockerCapabilities.DEFAULT);

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "grep", "mkdir", "unshare", "mount", "sleep", "true");
        bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs/tmp"));
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json with {@code args}, in a cgroup under the test's parent, changed by {@code change}. */
    private void config(Consumer<ObjectNode> change, String... args) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ArrayNode argv = ((ObjectNode) config.get("process")).putArray("args");
        List.of(args).forEach(argv::add);
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/" + TestCgroups.PARENT + "/c-" + dir.getFileName());
        ((ObjectNode) config.get("root")).put("readonly", false); // mkdir's only obstacle is the filter
        ((ObjectNode) config.get("process")).remove("capabilities"); // root keeps them all: only the filter stops
        change.accept(config);
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    private static Consumer<ObjectNode> seccomp(String json) {
        return c -> {
            try {
                ((ObjectNode) c.get("linux")).set("seccomp", Json.MAPPER.readTree(json));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Consumer<ObjectNode> noNewPrivileges(boolean on) {
        return c -> ((ObjectNode) c.get("process")).put("noNewPrivileges", on);
    }

    /** create and start {@code id}; its output (stdout and stderr), once it has printed "end". */
    private String run(String id) throws IOException {
        runc.ok("create", "--bundle", bundle.toString(), id);
        Path output = runc.lastStdout();
        runc.ok("start", id);
        Poll.until("it printed end", () -> read(output).contains("end"));
        return read(output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MKDIR = "grep '^Seccomp:' /proc/self/status; mkdir /tmp/x 2>&1; echo mkdir=$? end";

    @Test
    void aSyscallTheProfileDeniesFailsWithItsErrno() throws Exception {
        config(c -> {}, "sh", "-c", MKDIR);
        assertEquals("Seccomp:\t0\nmkdir=0 end\n", run("free"), "without a filter mkdir works");

        config(seccomp(NO_MKDIR), "sh", "-c", MKDIR);
        assertEquals(
                "Seccomp:\t2\nmkdir: can't create directory '/tmp/x': Operation not permitted\nmkdir=1 end\n",
                run("filtered"));
    }

    /**
     * Without no_new_privs, loading a filter needs CAP_SYS_ADMIN, which the
     * switch to uid 1000 takes away: the filter must come before it (runc's
     * order), or the start fails with EACCES.
     */
    @Test
    void withoutNoNewPrivilegesAnotherUserStillGetsTheFilter() throws Exception {
        config(
                seccomp(NO_MKDIR)
                        .andThen(noNewPrivileges(false))
                        .andThen(c -> ((ObjectNode) c.get("process"))
                                .putObject("user")
                                .put("uid", 1000)
                                .put("gid", 1000)),
                "sh",
                "-c",
                "grep -E '^(Uid|NoNewPrivs|Seccomp):' /proc/self/status; mkdir /tmp/x 2>&1; echo mkdir=$? end");
        assertEquals(
                "Uid:\t1000\t1000\t1000\t1000\nNoNewPrivs:\t0\nSeccomp:\t2\n"
                        + "mkdir: can't create directory '/tmp/x': Operation not permitted\nmkdir=1 end\n",
                run("user"));
    }

    private static final String BREAKOUT = "grep '^Seccomp:' /proc/self/status; unshare -m true 2>&1;"
            + " echo unshare=$?; mount -t tmpfs t /tmp 2>&1; echo mount=$? end";

    /**
     * Docker's default profile, with Docker's capabilities: unshare and mount
     * are EPERM (this container still has every capability, so only the
     * filter stops them), yet init, which unshares its own descriptor table
     * before execve, gets to run the command — with no_new_privs and without.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void dockersDefaultProfileStopsUnshareAndMountButNotInit(boolean noNewPrivileges) throws Exception {
        config(noNewPrivileges(noNewPrivileges), "sh", "-c", BREAKOUT);
        assertEquals("Seccomp:\t0\nunshare=0\nmount=0 end\n", run("open"), "without the profile both work");

        String profile = Json.MAPPER.writeValueAsString(DockerProfile.defaults(DOCKER_CAPS));
        config(seccomp(profile).andThen(noNewPrivileges(noNewPrivileges)), "sh", "-c", BREAKOUT);
        String out = run("docker");
        assertTrue(out.startsWith("Seccomp:\t2\n"), out);
        assertTrue(out.contains("unshare: unshare(0x20000): Operation not permitted\nunshare=1\n"), out);
        assertTrue(out.contains("mount: permission denied (are you root?)\nmount=1 end"), out);
    }

    /** runc puts an exec'd process under the container's filter too. */
    @Test
    void anExecdProcessGetsTheContainersFilter() throws Exception {
        config(seccomp(NO_MKDIR), "sh", "-c", "echo end; exec sleep 300");
        run("e1");
        Result exec = runc.run("exec", "e1", "sh", "-c", "grep '^Seccomp:' /proc/self/status; mkdir /tmp/y");
        assertEquals("Seccomp:\t2\n", exec.stdout(), exec::toString);
        assertEquals(
                "mkdir: can't create directory '/tmp/y': Operation not permitted\n", exec.stderr(), exec::toString);
        assertEquals(1, exec.exitCode(), exec::toString);
    }

    /** features lists what linux.seccomp may say: the lists Bundle checks against. */
    @Test
    void featuresListsTheActionsOperatorsArchitecturesAndFlagsTaken() throws Exception {
        JsonNode seccomp = Json.MAPPER.readTree(runc.ok("features").stdout()).at("/linux/seccomp");
        assertTrue(seccomp.get("enabled").asBoolean(false), seccomp::toString);
        assertEquals(Seccomp.actionNames(), Json.MAPPER.convertValue(seccomp.get("actions"), List.class));
        assertEquals(Seccomp.operatorNames(), Json.MAPPER.convertValue(seccomp.get("operators"), List.class));
        assertEquals(Seccomp.architectureNames(), Json.MAPPER.convertValue(seccomp.get("archs"), List.class));
        assertEquals(Seccomp.flagNames(), Json.MAPPER.convertValue(seccomp.get("supportedFlags"), List.class));
        assertFalse(seccomp.get("actions").toString().contains("SCMP_ACT_NOTIFY"), "refused, so not listed");
    }

    @Test
    void aBadFilterIsOneLineAndNoContainer() throws Exception {
        config(
                seccomp("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],"
                        + "\"action\":\"SCMP_ACT_NOTIFY\"}]}"),
                "true");
        Result refused = runc.run("create", "--bundle", bundle.toString(), "bad");
        assertEquals(125, refused.exitCode(), refused::toString);
        assertEquals(
                "mydocker: config.json: linux.seccomp.syscalls[0].action SCMP_ACT_NOTIFY is not supported:"
                        + " no seccomp agent gets notified (use SCMP_ACT_ERRNO)\n",
                refused.stderr());
        assertFalse(Files.exists(runc.root().resolve("bad")), "no state left");
    }
}
