package mydocker.ch07.build;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch04.image.ImageConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chapter 4's import with Docker's {@code --change} and {@code --message}:
 * the new image gets the settings the Dockerfile instructions give (so it
 * can have a default command) and a history entry, as {@code docker import}.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Make a one-layer image from a root filesystem tar (FILE, or - for stdin).",
        footer = {
            "",
            "Examples:",
            "  mydocker import -c 'CMD [\"nginx\", \"-g\", \"daemon off;\"]' -c 'EXPOSE 80' rootfs.tar nginx:local"
        })
public final class ImportCommand extends mydocker.ch04.ImportCommand {
    @Option(
            names = {"-c", "--change"},
            paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,"
                    + " WORKDIR.")
    List<String> changes = new ArrayList<>();

    @Option(
            names = {"-m", "--message"},
            paramLabel = "TEXT",
            description = "The comment of the image's history entry.")
    String message;

    /** {@link #changes}, parsed once before anything is read. */
    private final List<Instruction> instructions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        for (String change : changes) {
            Instruction instruction = Instruction.parse(change, 1, '\\');
            if (!ConfigChange.KEYWORDS.contains(instruction.keyword())) {
                throw new IllegalArgumentException(instruction.keyword()
                        + " is not a valid change command: give one of "
                        + String.join(
                                ", ", ConfigChange.KEYWORDS.stream().sorted().toList()));
            }
            instructions.add(instruction);
        }
        settings(ImageSettings.NONE); // each change checked before the tar is read: a bad one imports nothing
        return super.call();
    }

    /** Chapter 4's config, the changes applied in order; the history says where the layer came from. */
    @Override
    protected ImageConfig config(String diffId) {
        ImageSettings settings =
                settings(FullImageConfig.of(super.config(diffId)).settings());
        String comment = message != null ? message : "Imported from -";
        return FullImageConfig.empty()
                .next(settings, new HistoryEntry(Instant.now(), "", comment, false), diffId)
                .config();
    }

    private ImageSettings settings(ImageSettings base) {
        ImageSettings settings = base;
        for (Instruction instruction : instructions) {
            settings = ConfigChange.apply(instruction, settings, name -> null);
        }
        return settings;
    }
}
