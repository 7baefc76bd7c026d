package mydocker.ch07;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch03.InitMessage;
import mydocker.ch03.ProcessSpec;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.ContainerLayout;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.OciSetup;
import mydocker.ch07.oci.OomScoreAdj;

/**
 * A {@code run}'s way to the runtime (book 7.3-7.5): the container's bundle,
 * {@code <container dir>/bundle/config.json} ({@link RunSpec}), written
 * before the init starts and read back by the runtime's own reader
 * ({@link Bundle#read}), whose set-up init then follows — so a container
 * from {@code run} and one from {@code mydocker-runc create} are set up by the
 * same code from the same kind of file. The file stays for the reader to
 * look at ({@code cat}); it goes with the container's directory.
 */
final class RunBundle implements HostStep {
    static final String DIR = "bundle";

    private final ContainerConfig config;
    private final ContainerLayout layout;
    private Bundle bundle;

    RunBundle(ContainerConfig config, ContainerLayout layout) {
        this.config = config;
        this.layout = layout;
    }

    @Override
    public void beforeStart(Container container) {
        Path dir = layout.dir().resolve(DIR);
        try {
            Files.createDirectories(dir);
            AtomicFile.write(
                    dir.resolve(Bundle.CONFIG), RunSpec.of(config, layout).json());
            bundle = Bundle.read(dir, config.id());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the container's bundle in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** --oom-score-adj: init's score, as the runtime's create gives it ({@link OomScoreAdj}). */
    @Override
    public void afterStart(Container container, int pid) {
        bundle.oomScoreAdj().ifPresent(score -> score.afterStart(container, pid));
    }

    /** The process and the set-up as the bundle says them. */
    @Override
    public InitMessage forInit(InitMessage message) {
        return message.with(ProcessSpec.PART, bundle.process()).with(OciSetup.PART, OciSetup.of(bundle));
    }
}
