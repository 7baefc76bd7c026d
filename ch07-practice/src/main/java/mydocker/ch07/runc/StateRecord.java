package mydocker.ch07.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch07.oci.Bundle;

/**
 * As soon as the container's init exists: its state.json, and the pid file
 * the engine asked for with {@code --pid-file} (containerd's shim and conmon
 * read the pid there), each written whole or not at all.
 */
final class StateRecord implements HostStep {
    private final Path dir;
    private final Bundle bundle;
    private final Path pidFile;
    private final CgroupLimits cgroup;

    /** @param pidFile null when none was asked for */
    StateRecord(Path dir, Bundle bundle, Path pidFile, CgroupLimits cgroup) {
        this.dir = dir;
        this.bundle = bundle;
        this.pidFile = pidFile;
        this.cgroup = cgroup;
    }

    @Override
    public void afterStart(Container container, int pid) {
        try {
            new RuntimeState(
                            container.id(),
                            pid,
                            InitProcess.of(pid).startTime(),
                            bundle.dir().toString(),
                            bundle.rootfs().toString(),
                            RuntimeState.now(),
                            bundle.cgroupParent().path(),
                            bundle.cgroupName(),
                            bundle.annotations(),
                            cgroup.parentsMade().stream().map(Path::toString).toList(),
                            bundle.seccomp().orElse(null))
                    .write(dir);
            if (pidFile != null) {
                AtomicFile.write(pidFile, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("recording container " + container.id() + ": " + e.getMessage(), e);
        }
    }
}
