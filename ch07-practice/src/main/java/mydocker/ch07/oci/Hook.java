package mydocker.ch07.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of config.json's hooks, checked: an absolute path, its arguments after
 * argv[0] (Java's ProcessBuilder makes argv[0] the path itself), its
 * environment whole (nothing of the runtime's leaks in), and a timeout in
 * seconds (0: none). It runs on the host, as the runtime, with the
 * container's state JSON on its stdin; a non-zero exit or a timeout is a
 * failure naming the hook and what it printed.
 */
public record Hook(String path, List<String> args, List<String> env, int timeout) {
    public Hook {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }

    static Hook of(Spec.Hook hook, String field) {
        if (hook == null
                || hook.path() == null
                || !hook.path().startsWith("/")
                || hook.path().indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "config.json: " + field + " path " + (hook == null ? null : hook.path()) + " must be absolute");
        }
        List<String> args = hook.args() == null ? List.of() : hook.args();
        List<String> env = hook.env() == null ? List.of() : hook.env();
        for (String a : args) {
            require(a != null && a.indexOf('\0') < 0, field, "args hold a null or a NUL byte");
        }
        for (String e : env) {
            require(
                    e != null && e.indexOf('=') > 0 && e.indexOf('\0') < 0,
                    field,
                    "env entry '" + e + "' is not KEY=VALUE");
        }
        int timeout = hook.timeout() == null ? 0 : hook.timeout();
        require(timeout >= 0 && (hook.timeout() == null || timeout > 0), field, "timeout must be more than 0 seconds");
        return new Hook(hook.path(), args, env, timeout);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("config.json: " + field + " " + problem);
        }
    }

    /** Runs the hook with {@code state} on its stdin; throws if it fails. */
    public void run(String state) {
        List<String> command = new ArrayList<>(List.of(path));
        command.addAll(args.isEmpty() ? List.of() : args.subList(1, args.size()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        for (String e : env) {
            builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(state.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the hook need not read its stdin: a closed pipe is no failure
            }
            boolean ended = timeout == 0 || process.waitFor(timeout, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("hook " + path + " did not end within " + timeout + " s: killed");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(
                        "hook " + path + " exited " + code + (output.isEmpty() ? "" : ": " + output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("hook " + path + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hook " + path + " ran", e);
        }
    }
}
