package mydocker.syscall;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * `network create` turns on net.ipv4.ip_forward and leaves it on, as Docker
 * does; a test class that creates networks puts the host's setting back
 * after its last test, so the test suite leaves the host as it found it.
 */
public final class RestoresIpForward implements BeforeAllCallback, AfterAllCallback {
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RestoresIpForward.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NS).put("before", Files.readString(IP_FORWARD).strip());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Files.writeString(IP_FORWARD, context.getStore(NS).get("before", String.class));
    }
}
