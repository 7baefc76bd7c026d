package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import mydocker.ch05.TestEngine;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Networks stay repairable: a CLI killed at any moment of a network command,
 * or a damaged network or IPAM file, never blocks the next command, and
 * `network rm` / `rm -f` remove everything. Traffic: none; the host is read.
 */
@Privileged
@ExtendWith(RestoresIpForward.class)
class NetworkRepairIT {
    private static final String NET = "rprnet";
    private static final String OTHER = "rprother";
    private static final String SUBNET = "172.29.101.0/24";
    private static final String OTHER_SUBNET = "172.29.102.0/24";

    @RegisterExtension
    final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    @AfterEach
    void nothingOfOursIsLeft() throws Exception {
        engine.removeAllContainers();
        engine.run("network", "rm", NET);
        engine.run("network", "rm", OTHER);
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        for (String name : List.of(NET, OTHER)) {
            assertFalse(Files.exists(Path.of("/sys/class/net", bridge(name))), "the bridge of " + name + " is left");
            assertFalse(
                    Host.run("iptables", "-w", "-t", "nat", "-S").contains("\"mydocker:" + name + "\""),
                    "its rule is left");
        }
        String links = Host.run("ip", "-o", "link");
        for (Path dir : containerDirs()) {
            assertFalse(links.contains("mdv" + dir.getFileName().toString().substring(0, 10)), "a veth is left");
        }
        try (Stream<Path> files = Files.list(engine.dataRoot().resolve("network"))) {
            assertEquals(List.of(), files.flatMap(NetworkRepairIT::filesUnder).toList(), "state left");
        }
    }

    private static Stream<Path> filesUnder(Path p) {
        try {
            return Files.isDirectory(p)
                    ? Files.list(p).flatMap(NetworkRepairIT::filesUnder).toList().stream()
                    : p.getFileName().toString().equals(".lock") ? Stream.empty() : Stream.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> containerDirs() throws Exception {
        Path root = engine.dataRoot().resolve("containers");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).toList();
        }
    }

    private String bridge(String name) {
        return Network.bridgeName(engine.dataRoot().resolve("network"), name);
    }

    private boolean bridgeExists() {
        return Files.exists(Path.of("/sys/class/net", bridge(NET)));
    }

    private boolean natRuleExists() {
        return Host.run("iptables", "-w", "-t", "nat", "-S", "POSTROUTING").contains("\"mydocker:" + NET + "\"");
    }

    /** Starts the CLI and kills its JVM (SIGKILL, by pid) once {@code moment} holds, or after 20 s. */
    private void killWhen(BooleanSupplier moment, String... args) throws Exception {
        Process cli = engine.start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!moment.getAsBoolean() && cli.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        cli.destroyForcibly(); // SIGKILL to the CLI JVM's own pid
        cli.waitFor();
    }

    private static long since(long start) {
        return System.nanoTime() - start;
    }

    /** After any kill: `ls` works, the name can be created again (after `rm` when the kill came too late). */
    private void createWorksAgain() {
        assertEquals(0, engine.run("network", "ls").exitCode());
        Result again = engine.run("network", "create", "--subnet", SUBNET, NET);
        if (again.exitCode() != 0) {
            assertEquals("mydocker: network with name " + NET + " already exists\n", again.stderr(), again::toString);
            engine.ok("network", "rm", NET);
            engine.ok("network", "create", "--subnet", SUBNET, NET);
        }
        assertTrue(engine.ok("network", "ls").stdout().contains(NET));
        engine.ok("network", "rm", NET);
        assertFalse(bridgeExists(), "rm removed the bridge");
    }

    @Test
    void aKilledCreateIsUndoneByTheNextCommand() throws Exception {
        long start = System.nanoTime();
        killWhen(this::bridgeExists, "network", "create", "--subnet", SUBNET, NET); // the bridge, no file yet
        long toBridge = since(start);
        createWorksAgain();
        killWhen(this::natRuleExists, "network", "create", "--subnet", SUBNET, NET); // bridge and rule, no file
        createWorksAgain();
        for (double fraction : new double[] {0.3, 0.7, 0.9, 1.0, 1.1}) { // before, during and after
            long at = (long) (toBridge * fraction);
            long t0 = System.nanoTime();
            killWhen(() -> since(t0) >= at, "network", "create", "--subnet", SUBNET, NET);
            createWorksAgain();
        }
    }

    /**
     * A writer killed between creating its temporary file and renaming it over
     * the state file (found by the test above, under load) leaves that file:
     * the next command under the lock removes it, in the networks' and in
     * IPAM's directory. The files planted here are named as AtomicFile names them.
     */
    @Test
    void aWriterKilledMidWriteLeavesNoTemporaryFile() throws Exception {
        engine.ok("network", "create", "--subnet", SUBNET, NET);
        Path networks = engine.dataRoot().resolve("network/networks");
        Path ipam = Files.createDirectories(engine.dataRoot().resolve("network/ipam"));
        Files.writeString(networks.resolve("." + NET + ".json1234.tmp"), "{\"half");
        Files.writeString(ipam.resolve(".172.29.101.0_24.json5678.tmp"), "{\"half");
        engine.ok("network", "ls");
        engine.ok("run", "--rm", "--net", NET, "busybox", "true");
        try (Stream<Path> left = Stream.concat(Files.list(networks), Files.list(ipam))) {
            assertEquals(
                    List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aKilledCreateLeavesNothingThatBlocksAnotherNetworkOrLs() throws Exception {
        killWhen(this::natRuleExists, "network", "create", "--subnet", SUBNET, NET);
        assertEquals(
                "NETWORK ID   NAME   DRIVER   SUBNET\n",
                engine.ok("network", "ls").stdout(),
                "not listed, undone");
        assertFalse(bridgeExists(), "ls undid it");
        engine.ok("network", "create", "--subnet", SUBNET, OTHER); // its subnet is free again
    }

    @Test
    void aKilledRmIsFinishedByTheNextRm() throws Exception {
        for (int delayMs : new int[] {300, 600, 900, 1200}) {
            engine.ok("network", "create", "--subnet", SUBNET, NET);
            long t0 = System.nanoTime();
            killWhen(
                    () -> !bridgeExists() || since(t0) >= TimeUnit.MILLISECONDS.toNanos(delayMs), "network", "rm", NET);
            Result rm = engine.run("network", "rm", NET);
            assertTrue(
                    rm.exitCode() == 0
                            || rm.stderr()
                                    .equals("mydocker: network " + NET + " not found (see `mydocker network ls`)\n"),
                    rm::toString);
            assertFalse(bridgeExists());
            assertFalse(natRuleExists());
        }
    }

    @Test
    void aKilledRunOrRmOnANetworkIsRepairedByRmF() throws Exception {
        engine.ok("network", "create", "--subnet", SUBNET, NET);
        killWhen(() -> hostHas("DNAT"), "run", "--net", NET, "-p", "18101:80", "busybox", "sleep", "300");
        engine.removeAllContainers();
        assertFalse(hostHas("18101"), "rm -f took the port's rules");

        engine.ok("run", "-d", "--name", "victim", "--net", NET, "-p", "18101:80", "busybox", "sleep", "300");
        killWhen(() -> !hostHas("18101"), "rm", "-f", "victim"); // its rules are going
        engine.removeAllContainers();
        assertFalse(hostHas("18101"));
        assertEquals(
                0,
                new Ipam(engine.dataRoot().resolve("network/ipam")).allocated(Subnet.parse(SUBNET)),
                "no lease left");
        engine.ok("network", "rm", NET);
    }

    /**
     * What an `rm` killed between deleting a container's endpoint.json and
     * giving back its address leaves (the window the test above can hit): an
     * address no container holds. The next release gives it back.
     */
    @Test
    void anAddressNoContainerHoldsIsGivenBackByTheNextRelease() throws Exception {
        engine.ok("network", "create", "--subnet", SUBNET, NET);
        String id = engine.ok("run", "-d", "--name", "victim", "--net", NET, "busybox", "sleep", "300")
                .stdout()
                .strip();
        Ipam ipam = new Ipam(engine.dataRoot().resolve("network/ipam"));
        assertEquals(1, ipam.allocated(Subnet.parse(SUBNET)));
        Files.delete(engine.dataRoot().resolve("containers").resolve(id).resolve("endpoint.json"));
        engine.ok("rm", "-f", "victim");
        assertEquals(0, ipam.allocated(Subnet.parse(SUBNET)), "the orphaned address is given back");
        engine.ok("network", "rm", NET);
    }

    private boolean hostHas(String text) {
        return Host.run("iptables", "-w", "-t", "nat", "-S")
                .lines()
                .anyMatch(l -> l.contains(text) && l.contains("18101"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "network, truncated", "network, empty", "network, garbage",
        "ipam, truncated", "ipam, empty", "ipam, garbage"
    })
    void aDamagedFileIsOneLineNamingItAndBlocksNothingElse(String kind, String damage) throws Exception {
        engine.ok("network", "create", "--subnet", SUBNET, NET);
        engine.ok("network", "create", "--subnet", OTHER_SUBNET, OTHER);
        engine.ok("run", "--rm", "--net", NET, "busybox", "true"); // now it has an IPAM file
        Path file = kind.equals("network")
                ? engine.dataRoot().resolve("network/networks/" + NET + ".json")
                : engine.dataRoot().resolve("network/ipam/172.29.101.0_24.json");
        byte[] whole = Files.readAllBytes(file);
        Files.write(
                file,
                switch (damage) {
                    case "truncated" -> Arrays.copyOf(whole, whole.length / 2);
                    case "empty" -> new byte[0];
                    default -> "\u0000\u0001 not json at all".getBytes();
                });

        Result ls = engine.ok("network", "ls");
        assertTrue(ls.stdout().contains(OTHER), ls::toString);
        Result run = engine.run("run", "--rm", "--net", NET, "busybox", "true");
        assertEquals(125, run.exitCode(), run::toString);
        for (String stderr : kind.equals("network") ? List.of(ls.stderr(), run.stderr()) : List.of(run.stderr())) {
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.startsWith("mydocker: ") && stderr.contains(file + " is damaged ("), stderr);
        }
        assertEquals(
                "ok\n",
                engine.ok("run", "--rm", "--net", OTHER, "busybox", "echo", "ok")
                        .stdout());

        assertEquals(NET + "\n", engine.ok("network", "rm", NET).stdout());
        assertFalse(bridgeExists(), "its bridge went");
        assertFalse(natRuleExists(), "its rule went");
        assertFalse(
                Files.exists(engine.dataRoot().resolve("network/ipam/172.29.101.0_24.json")), "its IPAM state went");
        engine.ok("network", "create", "--subnet", SUBNET, NET); // and it can be made again
    }

    @Test
    void aDamagedEndpointFileBlocksNoOtherContainerAndItsContainerIsStillRemovedWhole() throws Exception {
        engine.ok("network", "create", "--subnet", SUBNET, NET);
        String id = engine.ok("run", "-d", "--net", NET, "-p", "18102:80", "busybox", "sleep", "60")
                .stdout()
                .strip();
        Path endpoint = engine.dataRoot().resolve("containers").resolve(id).resolve("endpoint.json");
        byte[] whole = Files.readAllBytes(endpoint);
        Files.write(endpoint, Arrays.copyOf(whole, whole.length / 2));

        // Its port stays its own (the host's rules say so), another container publishes another one,
        // and inspect lists the rest with one warning line.
        Result same = engine.run("run", "-d", "--net", NET, "-p", "18102:80", "busybox", "sleep", "60");
        assertEquals(
                "mydocker: port 18102/tcp is already published by container " + id.substring(0, 12) + "\n",
                same.stderr(),
                same::toString);
        engine.ok("run", "-d", "--net", NET, "-p", "18103:80", "busybox", "sleep", "60");
        Result inspect = engine.ok("network", "inspect", NET);
        assertEquals(1, inspect.stderr().lines().count(), inspect::toString);
        assertTrue(inspect.stderr().startsWith("mydocker: warning: " + endpoint + " is damaged ("), inspect::toString);

        engine.ok("rm", "-f", id);
        String rules = Host.run("iptables", "-w", "-t", "nat", "-S");
        assertFalse(rules.contains("mydocker:" + id.substring(0, 12) + ":"), "its port rules are left:\n" + rules);
        assertFalse(Host.run("ip", "-o", "link").contains("mdv" + id.substring(0, 10)), "its veth is left");
    }
}
