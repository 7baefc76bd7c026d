package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** Chapter 4's commit, which now also takes a container's name (book 5.7). */
@Command(
        name = "commit",
        mixinStandardHelpOptions = true,
        description = "Make an image from a container's changes (it may be running).")
public class CommitCommand extends mydocker.ch04.CommitCommand {
    @Override
    protected Path containerDir(String nameOrId) throws IOException {
        return Containers.dir(Containers.resolve(nameOrId).id());
    }
}
