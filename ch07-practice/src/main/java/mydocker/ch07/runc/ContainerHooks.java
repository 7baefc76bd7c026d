package mydocker.ch07.runc;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.JsonFile;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;
import mydocker.ch07.oci.Bundle;
import mydocker.ch07.oci.Hook;
import mydocker.ch07.oci.Hooks;

/**
 * A container's hooks (book 7.4; runtime spec, config.md "POSIX-platform
 * Hooks"). At {@code create}, once init exists in its namespaces and before
 * it sets anything up, {@code prestart} then {@code createRuntime} run with
 * the state ({@code creating}) on stdin; one failing fails the create, whose
 * clean-up then removes the container whole. The hooks are kept in the state
 * directory ({@code hooks.json}): {@code start} runs {@code poststart} and
 * {@code delete} runs {@code poststop} from there, since the bundle's
 * config.json may have changed or gone by then; those two only warn.
 */
final class ContainerHooks implements HostStep {
    static final String FILE = "hooks.json";
    private final Path dir;
    private final Bundle bundle;

    ContainerHooks(Path dir, Bundle bundle) {
        this.dir = dir;
        this.bundle = bundle;
    }

    @Override
    public void afterStart(Container container, int pid) {
        try {
            AtomicFile.write(dir.resolve(FILE), Json.MAPPER.writeValueAsBytes(bundle.hooks()));
        } catch (IOException e) {
            throw new UncheckedIOException("recording the hooks of " + container.id() + ": " + e.getMessage(), e);
        }
        // prestart's state says created (the validation suite asks so), createRuntime's creating (runc's).
        for (Hook hook : bundle.hooks().prestart()) {
            hook.run(state(container, pid, "created"));
        }
        for (Hook hook : bundle.hooks().createRuntime()) {
            hook.run(state(container, pid, "creating"));
        }
    }

    private String state(Container container, int pid, String status) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("ociVersion", Bundle.SPEC_VERSION);
        state.put("id", container.id());
        state.put("status", status);
        state.put("pid", pid);
        state.put("bundle", bundle.dir().toString());
        state.put("annotations", bundle.annotations());
        return json(state);
    }

    /** The hooks {@code create} kept in {@code dir} (none if it kept none). */
    static Hooks saved(Path dir) throws IOException {
        try {
            return JsonFile.read(dir.resolve(FILE), Hooks.class);
        } catch (NoSuchFileException e) {
            return Hooks.NONE;
        }
    }

    /** Runs {@code hooks} with {@code state} on stdin; a failure is a warning, and the next one still runs. */
    static void runWarning(List<Hook> hooks, Map<String, Object> state) {
        String json = json(state);
        for (Hook hook : hooks) {
            try {
                hook.run(json);
            } catch (IllegalStateException e) {
                System.err.println("mydocker: warning: " + e.getMessage());
            }
        }
    }

    private static String json(Map<String, Object> state) {
        try {
            return Json.MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
