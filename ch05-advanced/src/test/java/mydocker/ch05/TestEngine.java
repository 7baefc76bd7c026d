package mydocker.ch05;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;

/**
 * A chapter's program (5 and on) as the privileged tests run it: with the
 * test's own data and exec roots, and a way to leave no container behind.
 * Chapter 6's tests use it too (this module's test-jar).
 */
public record TestEngine(Class<?> main, Path dataRoot, Path execRoot) {
    public Map<String, String> env() {
        return Map.of("MYDOCKER_ROOT", dataRoot.toString(), "MYDOCKER_EXEC_ROOT", execRoot.toString());
    }

    public Result run(String... args) {
        return ChapterProgram.run(main, env(), args);
    }

    /** Like {@link #run}, and it must succeed. */
    public Result ok(String... args) {
        return ChapterProgram.ok(main, env(), args);
    }

    public Process start(String... args) {
        return ChapterProgram.start(main, env(), args);
    }

    /** {@code rm -f} of every container, running or not: what each test's clean-up begins with. */
    public void removeAllContainers() {
        List<String> ids = ok("ps", "-a", "-q").stdout().lines().toList();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            ok(args.toArray(String[]::new));
        }
    }
}
