package mydocker.ch07.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mydocker.ch03.ProcessSpec;

/**
 * A config.json's {@code process} (the container's first one), or the one
 * {@code exec --process FILE} is given: checked once into chapter 3's
 * {@link ProcessSpec} and the working directory; {@code terminal}: its stdio
 * is a pty of its own, whose master goes to the caller's console socket.
 */
public record OciProcess(
        ProcessSpec spec,
        String cwd,
        Rlimits rlimits,
        boolean terminal,
        ProcessUser user,
        NoNewPrivileges noNewPrivileges,
        Optional<Capabilities> capabilities,
        Optional<OomScoreAdj> oomScoreAdj) {
    /** @param file how an error names where the process came from: config.json, or exec's --process file */
    public static OciProcess of(Spec.Process process, String file) {
        String field = "process";
        require(file, process != null, field, "is missing");
        require(file, process.args() != null && !process.args().isEmpty(), field + ".args", "must name a program");
        String cwd = process.cwd() == null || process.cwd().isEmpty() ? "/" : process.cwd();
        require(file, cwd.startsWith("/") && cwd.indexOf('\0') < 0, field + ".cwd", "must be an absolute path");
        List<String> env = process.env() == null ? List.of() : process.env();
        for (String e : env) {
            require(
                    file,
                    e != null && e.indexOf('=') > 0 && e.indexOf('\0') < 0,
                    field + ".env",
                    "entry '" + e + "' is not KEY=VALUE");
        }
        for (String arg : process.args()) {
            require(file, arg != null && arg.indexOf('\0') < 0, field + ".args", "holds a null or a NUL byte");
        }
        return new OciProcess(
                new ProcessSpec(process.args(), env),
                cwd,
                Rlimits.of(process.rlimits(), file),
                Boolean.TRUE.equals(process.terminal()),
                ProcessUser.of(process.user(), file),
                new NoNewPrivileges(Boolean.TRUE.equals(process.noNewPrivileges())),
                Capabilities.of(process.capabilities(), file),
                OomScoreAdj.of(process.oomScoreAdj(), file));
    }

    /** The process, its env given HOME from {@code root}'s /etc/passwd if it had none (runc's prepareEnv). */
    public ProcessSpec specIn(Path root) {
        return PasswdHome.add(spec, root, user.uid());
    }

    private static void require(String file, boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(file + ": " + field + " " + problem);
        }
    }
}
