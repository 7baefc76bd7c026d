package mydocker.ch07.oci;

import java.util.List;

/**
 * The device cgroup rules dockerd writes into a container's config.json
 * (moby's {@code oci.DefaultLinuxSpec}, {@code daemon.WithDevices}): deny
 * everything, then allow the few character devices every program expects —
 * /dev/zero, null, urandom, random, tty, console — and deny /dev/fuse again.
 * The runtime appends its own allowed devices after these ({@link
 * DeviceCgroup}). {@code --privileged} allows every device instead.
 */
public final class DockerDevices {
    private DockerDevices() {}

    /** For {@code run}'s config.json: Docker's defaults, or allow-all when {@code privileged}. */
    public static List<Spec.DeviceRule> rules(boolean privileged) {
        if (privileged) {
            return List.of(new Spec.DeviceRule(true, null, null, null, "rwm"));
        }
        return List.of(
                new Spec.DeviceRule(false, null, null, null, "rwm"),
                allowChar(1, 5), // /dev/zero
                allowChar(1, 3), // /dev/null
                allowChar(1, 9), // /dev/urandom
                allowChar(1, 8), // /dev/random
                allowChar(5, 0), // /dev/tty
                allowChar(5, 1), // /dev/console
                new Spec.DeviceRule(false, "c", 10L, 229L, "rwm")); // /dev/fuse
    }

    private static Spec.DeviceRule allowChar(long major, long minor) {
        return new Spec.DeviceRule(true, "c", major, minor, "rwm");
    }
}
