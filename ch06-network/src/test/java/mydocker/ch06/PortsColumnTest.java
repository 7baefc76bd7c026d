package mydocker.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.ContainerState;
import mydocker.ch05.ContainerState.Status;
import mydocker.ch05.PsColumn;
import org.junit.jupiter.api.Test;

/** Chapter 6's PORTS column of `ps`, as Docker shows published ports. */
class PortsColumnTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ContainerState RUNNING = new ContainerState(Status.RUNNING, 42, NOW, 0, null);
    private static final ContainerState EXITED = new ContainerState(Status.EXITED, 0, NOW, 0, NOW);

    private static final PsColumn PORTS = Main.engine().psColumns().get(0);

    private static ContainerConfig config(String... ports) {
        ContainerConfig config = new ContainerConfig(
                "0".repeat(64),
                "sha256:" + "0".repeat(64),
                "busybox",
                List.of("true"),
                List.of(),
                List.of(),
                ResourceConfig.none(),
                CgroupParent.DEFAULT,
                "000000000000",
                NOW,
                Map.of());
        return config.with(
                ContainerNetwork.EXTENSION, new ContainerNetwork("bridge", PortMapping.parseAll(List.of(ports))));
    }

    @Test
    void publishedPortsAsDockerShowsThem() {
        assertEquals("PORTS", PORTS.header());
        assertEquals("", PORTS.value().apply(config(), RUNNING));
        assertEquals("0.0.0.0:8080->80/tcp", PORTS.value().apply(config("8080:80"), RUNNING));
        assertEquals(
                "0.0.0.0:8080->80/tcp, 0.0.0.0:5353->53/udp",
                PORTS.value().apply(config("8080:80/tcp", "5353:53/udp"), RUNNING));
    }

    /** Ports are published only while the container runs: an exited one, or one whose state is broken, shows none. */
    @Test
    void onlyARunningContainerShowsItsPorts() {
        assertEquals("", PORTS.value().apply(config("8080:80"), EXITED));
        assertEquals("", PORTS.value().apply(config("8080:80"), null));
    }

    /** A container with no network has no ports. */
    @Test
    void aContainerWithoutANetworkShowsNone() {
        ContainerConfig plain = config().with(ContainerNetwork.EXTENSION, null);
        assertEquals("", PORTS.value().apply(plain, RUNNING));
    }
}
