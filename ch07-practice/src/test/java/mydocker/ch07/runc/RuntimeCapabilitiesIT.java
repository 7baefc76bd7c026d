package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mydocker.ch04.image.Json;
import mydocker.ch07.oci.CapabilityNames;
import mydocker.syscall.Capset;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process.capabilities for real: the five sets the process shows in
 * /proc/self/status are the ones config.json asks for (as root, and as a
 * non-root user through the ambient set); a capability left out denies what
 * it guards (chown, {@code ip link add}) and given, allows it; the bounding set
 * caps what a file with capabilities can gain; an exec'd process gets its own.
 */
@Privileged
class RuntimeCapabilitiesIT {
    private static final String STATUS = "grep Cap /proc/self/status";

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "grep", "sleep", "chown", "touch", "ip");
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json running {@code script} then sleeping, its process changed by {@code change}. */
    private void config(Consumer<ObjectNode> change, String script) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.putArray("args").add("sh").add("-c").add("{ " + script + "; } 2>&1; echo end; exec sleep 300");
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/" + TestCgroups.PARENT + "/c-" + dir.getFileName());
        change.accept(process);
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    private static void caps(
            ObjectNode process, List<String> b, List<String> e, List<String> i, List<String> p, List<String> a) {
        ObjectNode caps = process.putObject("capabilities");
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("bounding", b);
        sets.put("effective", e);
        sets.put("inheritable", i);
        sets.put("permitted", p);
        sets.put("ambient", a);
        sets.forEach((name, list) -> {
            ArrayNode array = caps.putArray(name);
            list.forEach(array::add);
        });
    }

    /** create and start {@code id}; its output up to the script's end. */
    private String run(String id) throws IOException {
        runc.ok("create", "--bundle", bundle.toString(), id);
        Path output = runc.lastStdout();
        Path errors = output.resolveSibling(output.getFileName().toString().replace("out-", "err-"));
        Result start = runc.run("start", id);
        assertEquals(0, start.exitCode(), () -> start + "\ninit's stderr: " + read(errors));
        Poll.until(id + " printed end", () -> read(output).contains("end\n"));
        return read(output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/self/status's lines as the kernel prints them for these sets. */
    private static String status(long inh, long prm, long eff, long bnd, long amb) {
        return String.format(
                "CapInh:\t%016x\nCapPrm:\t%016x\nCapEff:\t%016x\nCapBnd:\t%016x\nCapAmb:\t%016x\n",
                inh, prm, eff, bnd, amb);
    }

    private static long mask(String... names) {
        long set = 0;
        for (String name : names) {
            set |= 1L << CapabilityNames.number(name);
        }
        return set;
    }

    /**
     * As root the kernel gives the program its bounding set (and the
     * inheritable one) at execve, whatever the permitted set was: runc's sets
     * show as bounding = permitted = effective, inheritable and ambient as given.
     */
    @Test
    void rootGetsTheBoundingInheritableAndAmbientSetsAsGiven() throws Exception {
        List<String> four = List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW");
        List<String> kill = List.of("CAP_KILL");
        config(p -> caps(p, four, four, kill, four, kill), STATUS);
        long b = mask("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW");
        long k = mask("CAP_KILL");
        assertEquals(status(k, b, b, b, k) + "end\n", run("r1"));
    }

    /**
     * A non-root user keeps only what is ambient across execve (keep-caps
     * over the uid switch, then capset, then the ambient raise): each of the
     * five sets different, each as asked.
     */
    @Test
    void aNonRootUserGetsItsAmbientCapabilities() throws Exception {
        List<String> b = List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW");
        List<String> ep = List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        List<String> i = List.of("CAP_KILL", "CAP_NET_BIND_SERVICE");
        List<String> a = List.of("CAP_NET_BIND_SERVICE");
        config(
                p -> {
                    p.putObject("user").put("uid", 1000).put("gid", 1000);
                    caps(p, b, ep, i, ep, a);
                },
                STATUS);
        long nbs = mask("CAP_NET_BIND_SERVICE");
        assertEquals(
                status(
                                mask("CAP_KILL", "CAP_NET_BIND_SERVICE"),
                                nbs,
                                nbs,
                                mask("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"),
                                nbs)
                        + "end\n",
                run("u1"));
    }

    /**
     * Docker's 14 without CAP_CHOWN: chown is refused, and ip link add needs
     * CAP_NET_ADMIN; an exec'd process given them (--cap, or its own
     * --process capabilities) can, and the container's own still cannot.
     */
    @Test
    void aCapabilityLeftOutDeniesWhatItGuardsAndExecGetsItsOwn() throws Exception {
        List<String> noChown = List.of("CAP_KILL", "CAP_SETUID", "CAP_SETGID", "CAP_NET_BIND_SERVICE");
        config(
                p -> caps(p, noChown, noChown, List.of(), noChown, List.of()),
                "touch /dev/shm/f; chown 1000 /dev/shm/f && echo chowned; ip link add b0 type bridge && echo linked");
        String out = run("d1");
        assertTrue(out.contains("chown: /dev/shm/f: Operation not permitted"), out);
        assertTrue(out.contains("ip: RTNETLINK answers: Operation not permitted"), out);
        assertFalse(out.contains("chowned") || out.contains("linked"), out);

        Result denied = runc.run("exec", "d1", "sh", "-c", "ip link add b1 type bridge && echo linked");
        assertFalse(denied.stdout().contains("linked"), "exec takes the container's sets: " + denied);
        Result added = runc.run(
                "exec",
                "--cap",
                "CAP_NET_ADMIN",
                "--cap",
                "CAP_CHOWN",
                "d1",
                "sh",
                "-c",
                "ip link add b2 type bridge && echo linked; chown 1000 /dev/shm/f && echo chowned");
        assertEquals("linked\nchowned\n", added.stdout(), added::toString);

        Path process = Files.writeString(
                dir.resolve("process.json"),
                "{\"args\":[\"sh\",\"-c\",\"" + STATUS + "\"],\"cwd\":\"/\",\"capabilities\":{"
                        + "\"bounding\":[\"CAP_CHOWN\",\"CAP_SYS_ADMIN\"],\"effective\":[\"CAP_CHOWN\"],"
                        + "\"permitted\":[\"CAP_CHOWN\"],\"inheritable\":[\"CAP_CHOWN\"],\"ambient\":[\"CAP_CHOWN\"]}}");
        long chown = mask("CAP_CHOWN");
        assertEquals(
                status(
                        chown,
                        chown | mask("CAP_SYS_ADMIN"),
                        chown | mask("CAP_SYS_ADMIN"),
                        chown | mask("CAP_SYS_ADMIN"),
                        chown),
                runc.ok("exec", "--process", process.toString(), "d1").stdout(),
                "its own sets; as root, bounding is what it gets");

        Result unknown = runc.run("exec", "--cap", "NET_ADMIN", "d1", "true");
        assertEquals(125, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("--cap NET_ADMIN is not a capability name"), unknown::toString);
    }

    /**
     * A capability the runtime itself lacks (this host's bounding set has no
     * CAP_SYS_RESOURCE) can never be granted: refused at create, by name,
     * leaving no container — not an EPERM from init after start.
     */
    @Test
    void aCapabilityTheRuntimeLacksIsRefusedAtCreate() throws Exception {
        String lacking = null;
        for (String name : CapabilityNames.known().subList(0, CapabilityNames.lastCap() + 1)) {
            if (!Capset.inBounding(CapabilityNames.number(name))) {
                lacking = name;
            }
        }
        Assumptions.assumeTrue(lacking != null, "this runtime has every capability");
        List<String> asked = List.of("CAP_KILL", lacking);
        config(p -> caps(p, asked, asked, List.of(), asked, List.of()), STATUS);
        Result refused = runc.run("create", "--bundle", bundle.toString(), "l1");
        assertEquals(125, refused.exitCode(), refused::toString);
        assertTrue(
                refused.stderr().contains("config.json: process.capabilities asks for [" + lacking + "], which"),
                refused::toString);
        assertFalse(Files.exists(runc.root().resolve("l1")), "no container is left");
    }

    /**
     * A program with file capabilities (setcap cap_chown,cap_net_admin+p) run
     * by a non-root user, who has none, gains those of them in the bounding
     * set, no more: with CAP_NET_ADMIN in the bounding set it gets both,
     * without, only CAP_CHOWN. (With {@code +ep} the kernel refuses the execve
     * outright, EPERM, rather than run it with less than the file says.)
     */
    @Test
    void theBoundingSetCapsWhatAFileWithCapabilitiesGains() throws Exception {
        Path capbox = bundle.resolve("rootfs/bin/busybox-caps");
        Files.copy(Path.of("/bin/busybox"), capbox);
        Process setcap = new ProcessBuilder("/usr/sbin/setcap", "cap_chown,cap_net_admin+p", capbox.toString())
                .inheritIO()
                .start();
        assertTrue(setcap.waitFor(30, TimeUnit.SECONDS) && setcap.exitValue() == 0, "setcap");
        long chown = mask("CAP_CHOWN");
        long netAdmin = mask("CAP_NET_ADMIN");
        String permitted = "busybox-caps grep CapPrm /proc/self/status";

        for (boolean withNetAdmin : List.of(true, false)) {
            List<String> bounding = withNetAdmin ? List.of("CAP_CHOWN", "CAP_NET_ADMIN") : List.of("CAP_CHOWN");
            config(
                    p -> {
                        p.put("noNewPrivileges", false);
                        p.putObject("user").put("uid", 1000).put("gid", 1000);
                        caps(p, bounding, List.of(), List.of(), List.of(), List.of());
                    },
                    STATUS.replace("Cap", "CapPrm") + "; " + permitted);
            String id = withNetAdmin ? "b1" : "b2";
            String out = run(id);
            assertEquals(
                    String.format("CapPrm:\t%016x\nCapPrm:\t%016x\nend\n", 0, withNetAdmin ? chown | netAdmin : chown),
                    out,
                    "bounding " + bounding);
            runc.ok("delete", "--force", id);
        }
    }
}
