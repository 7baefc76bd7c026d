package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.image.Json;
import mydocker.ch05.TestEngine;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Book 6.5 for real: containers on a bridge network talk to each other and to
 * the host. All traffic stays between this test's own containers and the host.
 */
@Privileged
@ExtendWith(RestoresIpForward.class)
class NetworkRunIT {
    private static final String SUBNET = "172.29.81.0/24";

    @RegisterExtension
    static final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    @BeforeEach
    void network() {
        engine.ok("network", "create", "--subnet", SUBNET, "itnet");
    }

    @AfterEach
    void removeAllAndCheckNothingIsLeft() throws Exception {
        engine.removeAllContainers();
        engine.ok("network", "rm", "itnet");
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        String links = Host.run("ip", "-o", "link");
        assertFalse(links.contains("mdbr") || links.contains("mdv") || links.contains("mdp"), links);
        assertFalse(Host.run("iptables", "-w", "-t", "nat", "-S").contains("mydocker:"), "a NAT rule is left");
        Path ipam = engine.dataRoot().resolve("network/ipam");
        if (Files.isDirectory(ipam)) {
            try (Stream<Path> leases = Files.list(ipam)) {
                assertEquals(
                        List.of(),
                        leases.filter(p -> p.toString().endsWith(".json")).toList(),
                        "leases left");
            }
        }
    }

    /** Container {@code name} on itnet: busybox's httpd serving {@code page} on port 80, with run's {@code options}. */
    private static void runWebServer(String name, String page, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--net", "itnet"));
        args.addAll(List.of(options));
        args.addAll(List.of(
                "busybox",
                "sh",
                "-c",
                "mkdir -p /www && echo " + page + " > /www/index.html && exec httpd -f -p 80 -h /www"));
        engine.ok(args.toArray(String[]::new));
    }

    /** The address the IPAM gave container {@code name}, from its endpoint.json. */
    private static String address(String name) throws Exception {
        return endpointAddress(containerDir(name));
    }

    /** The name chapter 5 keeps in the container's config.json. */
    private static String nameOf(Path dir) throws Exception {
        return Json.MAPPER
                .readTree(dir.resolve(ContainerConfig.FILE).toFile())
                .path("extensions")
                .path("name")
                .asText();
    }

    private static Path containerDir(String name) throws Exception {
        try (Stream<Path> dirs = Files.list(engine.dataRoot().resolve("containers"))) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (name.equals(nameOf(dir))) {
                    return dir;
                }
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static String endpointAddress(Path dir) throws Exception {
        return Json.MAPPER
                .readValue(dir.resolve(Endpoint.FILE).toFile(), Endpoint.Stored.class)
                .address();
    }

    @Test
    void twoContainersReachEachOtherAndTheHostReachesThem() throws Exception {
        runWebServer("web", "hello from web");
        engine.ok("run", "-d", "--name", "client", "--net", "itnet", "busybox", "sleep", "300");
        String web = address("web");
        assertTrue(web.startsWith("172.29.81."), web);

        assertEquals(
                0,
                engine.run("exec", "client", "ping", "-c", "1", "-W", "3", web).exitCode(),
                "ping by IP");
        assertEquals(
                "hello from web\n",
                engine.ok("exec", "client", "wget", "-q", "-O", "-", "http://" + web + "/")
                        .stdout());

        try (Socket socket = new Socket()) { // the host, to a container this test made
            socket.connect(new InetSocketAddress(web, 80), 3000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertTrue(new String(in.readAllBytes(), StandardCharsets.US_ASCII).endsWith("hello from web\n"));
        }

        List<String> inside =
                engine.ok("exec", "client", "ip", "route").stdout().lines().toList();
        assertTrue(inside.contains("default via 172.29.81.1 dev eth0 "), inside::toString);
        Result busy = engine.run("network", "rm", "itnet");
        assertEquals(125, busy.exitCode());
        assertTrue(busy.stderr().contains("has active endpoints"), busy::toString);
    }

    @Test
    @Tag("cgroup")
    void aForegroundContainerGivesItsAddressBack() {
        String first = engine.ok("run", "--rm", "--net", "itnet", "busybox", "sh", "-c", "ip -o -4 addr show eth0")
                .stdout();
        String second = engine.ok("run", "--rm", "--net", "itnet", "busybox", "sh", "-c", "ip -o -4 addr show eth0")
                .stdout();
        assertTrue(first.contains("inet 172.29.81.2/24"), first);
        assertTrue(second.contains("inet 172.29.81.2/24"), "the address came back: " + second);
    }

    @Test
    void twentyInParallelGetTwentyAddresses() throws Exception {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(CompletableFuture.supplyAsync(
                    () -> engine.run("run", "-d", "--net", "itnet", "busybox", "sleep", "300")));
        }
        runs.forEach(r -> assertEquals(0, r.join().exitCode(), r.join()::toString));
        Set<String> addresses = new HashSet<>();
        try (Stream<Path> dirs = Files.list(engine.dataRoot().resolve("containers"))) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                addresses.add(endpointAddress(dir));
            }
        }
        assertEquals(20, addresses.size(), addresses::toString);
    }

    @Test
    void aPublishedPortAnswersOn127001AndIsRefusedToASecondContainer() throws Exception {
        runWebServer("pub", "published", "-p", "18080:80");
        String page = get("127.0.0.1", 18080, "published\n");
        assertTrue(page.endsWith("published\n"), page);
        assertTrue(engine.ok("ps").stdout().contains(" 0.0.0.0:18080->80/tcp "), "ps shows the port");
        assertTrue(
                engine.ok("network", "inspect", "itnet").stdout().contains("\"pub\" : \"172.29.81."),
                "inspect lists it");

        Result taken = engine.run("run", "-d", "--net", "itnet", "-p", "18080:80", "busybox", "true");
        assertEquals(125, taken.exitCode());
        assertTrue(
                taken.stderr().startsWith("mydocker: port 18080/tcp is already published by container "),
                taken::toString);
        assertEquals(1, engine.ok("ps", "-a", "-q").stdout().lines().count(), "the refused container left nothing");

        Result noNet = engine.run("run", "--rm", "-p", "18081:80", "busybox", "true");
        assertEquals("mydocker: -p needs a network: add --net NAME (see `mydocker network create`)\n", noNet.stderr());

        engine.ok("stop", "-t", "0", "pub");
        assertFalse(
                Host.run("iptables", "-w", "-t", "nat", "-S").contains(":18080"), "stop takes the port's rules away");
        assertFalse(Files.exists(containerDir("pub").resolve(Endpoint.FILE)), "and gives the address back");
    }

    /** GET / from {@code host:port} until it ends with {@code expected} (httpd may still be starting). */
    private static String get(String host, int port, String expected) {
        return Poll.until(
                "GET http://" + host + ":" + port + "/ answers " + expected,
                () -> get(host, port),
                page -> page.endsWith(expected));
    }

    /** The whole answer to GET /, or "" if nothing answers yet. */
    private static String get(String host, int port) {
        try (Socket socket = new Socket()) { // loopback or this test's container
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aStoppedContainerStartsAgainOnItsNetworkWithItsAddressAndItsPort() throws Exception {
        runWebServer("web", "back again", "-p", "18082:80");
        engine.ok("run", "-d", "--name", "client", "--net", "itnet", "busybox", "sleep", "300");
        String before = address("web");
        engine.ok("stop", "-t", "0", "web");
        engine.ok("start", "web");

        assertEquals(before, address("web"), "the same address, as it was still free");
        assertTrue(get("127.0.0.1", 18082, "back again\n").endsWith("back again\n"), "the published port answers");
        assertEquals(
                "back again\n",
                engine.ok("exec", "client", "wget", "-q", "-O", "-", "http://" + before + "/")
                        .stdout());
        assertTrue(engine.ok("ps").stdout().contains(" 0.0.0.0:18082->80/tcp "), "ps shows the port");
        assertTrue(
                engine.ok("network", "inspect", "itnet").stdout().contains("\"web\" : \"" + before + "\""),
                "inspect shows the lease");
    }

    /**
     * A detached container that ends on its own gives its address, veth and
     * port rules back when its shim's reaper runs, as Docker frees them at
     * exit; `start` gets them again.
     */
    @Test
    void aDetachedContainerThatExitsGivesItsAddressAndPortBack() throws Exception {
        String id = engine.ok("run", "-d", "--name", "quick", "--net", "itnet", "-p", "18084:80", "busybox", "true")
                .stdout()
                .strip();
        Path dir = containerDir("quick");
        Poll.until("the reaper gives the endpoint back", () -> !Files.exists(dir.resolve(Endpoint.FILE)));
        assertFalse(
                Host.run("iptables", "-w", "-t", "nat", "-S").contains("mydocker:" + id.substring(0, 12)),
                "its port rules are gone");
        assertFalse(Host.run("ip", "-o", "link").contains("mdv" + id.substring(0, 10)), "its veth is gone");
        engine.ok("run", "-d", "--name", "next", "--net", "itnet", "busybox", "sleep", "300");
        assertEquals("172.29.81.2", address("next"), "the address came back to the IPAM");
        engine.ok("rm", "-f", "next");
        engine.ok("start", "quick");
        Poll.until("it ran and ended again", () -> !Files.exists(dir.resolve(Endpoint.FILE)));
    }

    @Test
    void aRestartedContainerWhoseAddressWasTakenGetsAnotherOneRecorded() throws Exception {
        engine.ok("run", "-d", "--name", "first", "--net", "itnet", "busybox", "sleep", "300");
        String before = address("first");
        engine.ok("stop", "-t", "0", "first");
        engine.ok("run", "-d", "--name", "taker", "--net", "itnet", "busybox", "sleep", "300");
        assertEquals(before, address("taker"), "the freed address went to the next container");
        engine.ok("start", "first");

        String now = address("first");
        assertFalse(now.equals(before), now);
        assertEquals(
                0,
                engine.run("exec", "taker", "ping", "-c", "1", "-W", "3", now).exitCode(),
                "reachable at " + now);
        assertTrue(
                engine.ok("network", "inspect", "itnet").stdout().contains("\"first\" : \"" + now + "\""),
                "inspect shows it");
    }

    @Test
    void theSameHostPortTwiceInOneRunIsRefusedAndMakesNothing() throws Exception {
        for (List<String> publish : List.of(
                List.of("18083:80", "18083:81"),
                List.of("18083:80/tcp", "18083:80"),
                List.of("18083:80/udp", "18083:81/udp"))) {
            List<String> args = new ArrayList<>(List.of("run", "-d", "--net", "itnet"));
            publish.forEach(p -> args.addAll(List.of("-p", p)));
            args.addAll(List.of("busybox", "sleep", "300"));
            Result r = engine.run(args.toArray(String[]::new));
            assertEquals(125, r.exitCode(), r::toString);
            String protocol = publish.get(0).endsWith("/udp") ? "udp" : "tcp";
            assertEquals(
                    "mydocker: invalid -p '" + publish.get(1) + "': host port 18083/" + protocol
                            + " is already published by -p '" + publish.get(0)
                            + "' (a host port forwards to one container port)\n",
                    r.stderr());
        }
        assertEquals("", engine.ok("ps", "-a", "-q").stdout(), "no container was made");
        assertFalse(Host.run("iptables", "-w", "-t", "nat", "-S").contains("18083"), "no rule was made");

        engine.ok(
                "run",
                "-d",
                "--name",
                "both",
                "--net",
                "itnet",
                "-p",
                "18083:80/tcp",
                "-p",
                "18083:80/udp",
                "busybox",
                "sleep",
                "300");
        assertTrue(engine.ok("ps").stdout().contains("18083->80/tcp"), "tcp and udp on one port are two ports");
        assertTrue(engine.ok("ps").stdout().contains("18083->80/udp"), "tcp and udp on one port are two ports");
    }

    @Test
    void aRunThatFailsForAPortOrAFullSubnetLeavesNothing() throws Exception {
        engine.ok("network", "create", "--subnet", "172.29.82.0/30", "itfull"); // room for one container
        try {
            engine.ok("run", "-d", "--name", "only", "--net", "itfull", "-p", "18084:80", "busybox", "sleep", "300");
            Set<String> before = new HashSet<>(Host.run("ip", "-o", "link")
                    .lines()
                    .map(l -> l.split(": ")[1])
                    .toList());
            String rules = Host.run("iptables", "-w", "-t", "nat", "-S");

            Result full = engine.run("run", "-d", "--net", "itfull", "busybox", "sleep", "300");
            assertEquals(
                    "mydocker: no free address left in 172.29.82.0/30 (1 in all): remove a container or use a larger subnet\n",
                    full.stderr(),
                    full::toString);
            Result taken = engine.run("run", "-d", "--net", "itnet", "-p", "18084:80", "busybox", "sleep", "300");
            assertTrue(taken.stderr().startsWith("mydocker: port 18084/tcp is already published"), taken::toString);

            try (Stream<Path> dirs = Files.list(engine.dataRoot().resolve("containers"))) {
                assertEquals(
                        List.of(containerDir("only")),
                        dirs.filter(Files::isDirectory).toList(),
                        "no container dir left");
            }
            assertEquals(
                    before,
                    new HashSet<>(Host.run("ip", "-o", "link")
                            .lines()
                            .map(l -> l.split(": ")[1])
                            .toList()),
                    "no veth left");
            assertEquals(rules, Host.run("iptables", "-w", "-t", "nat", "-S"), "no rule left");
            assertEquals(
                    1, new Ipam(engine.dataRoot().resolve("network/ipam")).allocated(Subnet.parse("172.29.82.0/30")));
            assertEquals(
                    0,
                    new Ipam(engine.dataRoot().resolve("network/ipam")).allocated(Subnet.parse(SUBNET)),
                    "no lease left");
        } finally {
            engine.removeAllContainers();
            engine.run("network", "rm", "itfull");
        }
    }

    @Test
    void anUnknownNetworkIsOneLineAnd125() {
        Result r = engine.run("run", "--rm", "--net", "nosuch", "busybox", "true");
        assertEquals(125, r.exitCode());
        assertEquals("mydocker: network nosuch not found (see `mydocker network ls`)\n", r.stderr());
    }
}
