package mydocker.syscall;

import java.nio.file.Path;
import java.util.Map;
import mydocker.syscall.ChapterProgram.Result;

/**
 * A chapter's program as a privileged test runs it, {@code mydocker ARGS} in
 * a JVM of its own ({@link ChapterProgram}), with the test's own data and
 * exec roots, so that it never sees or touches a reader's containers and
 * images, nor another test's. A later chapter's tests extend it with what
 * that chapter keeps on disk.
 */
public class Mydocker {
    private final Class<?> main;
    private final Path dataRoot;
    private final Path execRoot;

    public Mydocker(Class<?> main, Path dataRoot, Path execRoot) {
        this.main = main;
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public Path execRoot() {
        return execRoot;
    }

    public Map<String, String> env() {
        return Map.of("MYDOCKER_ROOT", dataRoot.toString(), "MYDOCKER_EXEC_ROOT", execRoot.toString());
    }

    public Result run(String... args) {
        return ChapterProgram.run(main, env(), args);
    }

    /** Like {@link #run}, and it must succeed: a failure fails the test, showing its output. */
    public Result ok(String... args) {
        return ChapterProgram.ok(main, env(), args);
    }

    /** Starts it and returns at once, for a test that acts while it runs; {@link ChapterProgram#finish} ends it. */
    public Process start(String... args) {
        return ChapterProgram.start(main, env(), args);
    }

    /** Like {@link #start}, on a terminal of its own. */
    public Process startOnTerminal(String... args) {
        return ChapterProgram.startOnTerminal(main, env(), args);
    }
}
