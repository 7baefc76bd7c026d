package mydocker.ch03;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Go's {@code exec.LookPath}, which the book's init uses (3.4): a name without
 * a slash is searched in the container's PATH; a name with one is taken as it
 * is. The failures are Docker's: 127 when nothing is found, 126 when what is
 * found cannot be run.
 */
public final class LookPath {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private LookPath() {}

    public static String find(String name, List<String> env) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new ContainerInit.ExecFailure(
                        ContainerInit.NOT_FOUND,
                        "exec: \"" + name + "\": stat " + name + ": no such file or directory");
            }
            if (Files.isDirectory(path) || !executable(path)) {
                throw new ContainerInit.ExecFailure(
                        ContainerInit.NOT_EXECUTABLE, "exec: \"" + name + "\": permission denied");
            }
            return name;
        }
        for (String dir : pathOf(env).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && executable(candidate)) {
                return candidate.toString();
            }
        }
        throw new ContainerInit.ExecFailure(
                ContainerInit.NOT_FOUND, "exec: \"" + name + "\": executable file not found in $PATH");
    }

    /**
     * An x bit for anyone, as Go checks (mode&0111). Not Files.isExecutable:
     * for root, access(2) answers yes for any file.
     */
    private static boolean executable(Path path) {
        try {
            return Files.getPosixFilePermissions(path).stream()
                    .anyMatch(p -> p.name().endsWith("_EXECUTE"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String pathOf(List<String> env) {
        return env.stream()
                .filter(e -> e.startsWith("PATH="))
                .map(e -> e.substring(5))
                .reduce((first, last) -> last)
                .orElse(DEFAULT_PATH);
    }
}
