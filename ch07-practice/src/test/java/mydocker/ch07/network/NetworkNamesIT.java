package mydocker.ch07.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Book 7.2's flask finds redis by name: containers on one network reach each
 * other by name and alias, as a container joins and leaves. All traffic stays
 * between this test's own containers.
 */
@Privileged
@ExtendWith(RestoresIpForward.class)
class NetworkNamesIT {
    private static final String SUBNET = "172.29.111.0/24";

    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @BeforeEach
    void network() {
        mydocker.ok("network", "create", "--subnet", SUBNET, "namesnet");
    }

    @AfterEach
    void removeAllAndCheckNothingIsLeft() throws Exception {
        List<String> ids = mydocker.ok("ps", "-a", "-q").stdout().lines().toList();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(ids);
            mydocker.ok(rm.toArray(String[]::new));
        }
        mydocker.ok("network", "rm", "namesnet");
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        String links = Host.run("ip", "-o", "link");
        assertFalse(links.contains("mdbr") || links.contains("mdv") || links.contains("mdp"), links);
        try (Stream<Path> dirs = Files.list(mydocker.dataRoot().resolve("containers"))) {
            assertEquals(
                    List.of(),
                    dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                            .toList());
        }
    }

    /** A web server named {@code name} on the test's network, serving {@code page}, with run's {@code options}. */
    private static void runWebServer(String name, String page, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--net", "namesnet"));
        args.addAll(List.of(options));
        args.addAll(List.of(
                "busybox",
                "sh",
                "-c",
                "mkdir -p /www && echo " + page + " > /www/index.html && exec httpd -f -p 80 -h /www"));
        mydocker.ok(args.toArray(String[]::new));
    }

    private static String hostsOf(String container) {
        return mydocker.ok("exec", container, "cat", "/etc/hosts").stdout();
    }

    @Test
    void containersFindEachOtherByNameAndAliasAsTheyComeAndGo() {
        runWebServer("redis", "from-redis", "--network-alias", "db");
        mydocker.ok("run", "-d", "--name", "flask", "--net", "namesnet", "busybox", "sleep", "300");

        // The one that came later finds the earlier one, by name and by alias...
        assertEquals(
                "from-redis\n",
                mydocker.ok("exec", "flask", "wget", "-q", "-O", "-", "http://redis/")
                        .stdout());
        assertEquals(
                "from-redis\n",
                mydocker.ok("exec", "flask", "wget", "-q", "-O", "-", "http://db/")
                        .stdout());
        // ...and the earlier one's file got the later one's name while it ran.
        assertTrue(hostsOf("redis").contains("\tflask "), hostsOf("redis"));
        // A foreground container too, and it sees its own address under its own name.
        String own = mydocker.ok(
                        "run",
                        "--rm",
                        "--name",
                        "once",
                        "--net",
                        "namesnet",
                        "busybox",
                        "sh",
                        "-c",
                        "wget -q -O - http://redis/ && grep -w once /etc/hosts | cut -f1 && ip -o -4 addr show eth0")
                .stdout();
        List<String> lines = own.lines().toList();
        assertEquals("from-redis", lines.get(0), own);
        assertTrue(lines.get(2).contains("inet " + lines.get(1) + "/24"), own);
        assertFalse(hostsOf("flask").contains("once"), "a container that ended leaves the others' files");

        mydocker.ok("stop", "redis");
        assertFalse(hostsOf("flask").contains("redis"), hostsOf("flask"));
        Result gone = mydocker.run("exec", "flask", "wget", "-q", "-T", "3", "-O", "-", "http://redis/");
        assertTrue(gone.exitCode() != 0, gone::toString);

        mydocker.ok("start", "redis");
        assertEquals(
                "from-redis\n",
                mydocker.ok("exec", "flask", "wget", "-q", "-O", "-", "http://db/")
                        .stdout());
    }

    /** One that exits by itself is released by its shim's reaper, which takes its names away too. */
    @Test
    void aContainerThatExitsByItselfLeavesTheOthersFiles() {
        mydocker.ok("run", "-d", "--name", "stays", "--net", "namesnet", "busybox", "sleep", "300");
        mydocker.ok("run", "-d", "--name", "brief", "--net", "namesnet", "busybox", "sleep", "2");
        assertTrue(hostsOf("stays").contains("\tbrief "), hostsOf("stays"));
        Poll.until(
                "brief's names are gone from stays' /etc/hosts",
                () -> !hostsOf("stays").contains("brief"));
    }

    /** A name is a word in other containers' /etc/hosts: one that could write a line of its own is refused. */
    @Test
    void anAliasThatIsNotAHostNameIsRefusedAndMakesNothing() throws Exception {
        mydocker.ok("run", "-d", "--name", "victim", "--net", "namesnet", "busybox", "sleep", "300");
        String before = hostsOf("victim");
        for (String alias : List.of("a b", "x\n6.6.6.6 victim", "-flag", "a/b", "é")) {
            Result refused =
                    mydocker.run("run", "--rm", "--net", "namesnet", "--network-alias", alias, "busybox", "true");
            assertEquals(125, refused.exitCode(), refused::toString);
            assertEquals(1, refused.stderr().lines().count(), refused::toString);
            assertTrue(refused.stderr().contains("--network-alias"), refused::toString);
        }
        Result noNetwork = mydocker.run("run", "--rm", "--network-alias", "db", "busybox", "true");
        assertEquals("mydocker: --network-alias needs a network: add --net NAME\n", noNetwork.stderr());
        assertEquals(125, noNetwork.exitCode());
        assertEquals(before, hostsOf("victim"));
        assertEquals(1, mydocker.ok("ps", "-a", "-q").stdout().lines().count(), "only the victim");
    }
}
