package mydocker.ch07.oci;

import java.util.List;
import java.util.function.Function;

/**
 * config.json's hooks, checked, by when they run (runtime spec, config.md
 * "POSIX-platform Hooks"): {@code prestart} and {@code createRuntime} during
 * {@code create}, once the container's namespaces exist and before its init
 * sets anything up (a failure fails the create, which leaves nothing);
 * {@code poststart} after {@code start} and {@code poststop} after
 * {@code delete} (a failure there is a warning). All run on the host, in the
 * runtime's namespaces. {@code createContainer} and {@code startContainer}
 * run inside the container's namespaces and are refused by name: not done yet.
 */
public record Hooks(List<Hook> prestart, List<Hook> createRuntime, List<Hook> poststart, List<Hook> poststop) {
    /** The kinds this runtime runs: what {@code features} reports. */
    public static final List<String> SUPPORTED = List.of("prestart", "createRuntime", "poststart", "poststop");

    public static final Hooks NONE = new Hooks(List.of(), List.of(), List.of(), List.of());

    public Hooks {
        prestart = List.copyOf(prestart);
        createRuntime = List.copyOf(createRuntime);
        poststart = List.copyOf(poststart);
        poststop = List.copyOf(poststop);
    }

    static Hooks of(Spec.Hooks hooks) {
        if (hooks == null) {
            return NONE;
        }
        refused(hooks.createContainer(), "createContainer");
        refused(hooks.startContainer(), "startContainer");
        return new Hooks(
                list(hooks.prestart(), "prestart"),
                list(hooks.createRuntime(), "createRuntime"),
                list(hooks.poststart(), "poststart"),
                list(hooks.poststop(), "poststop"));
    }

    private static List<Hook> list(List<Spec.Hook> hooks, String kind) {
        if (hooks == null) {
            return List.of();
        }
        Function<Integer, String> field = i -> "hooks." + kind + "[" + i + "]";
        return java.util.stream.IntStream.range(0, hooks.size())
                .mapToObj(i -> Hook.of(hooks.get(i), field.apply(i)))
                .toList();
    }

    private static void refused(List<Spec.Hook> hooks, String kind) {
        if (hooks != null && !hooks.isEmpty()) {
            throw new IllegalArgumentException("config.json: hooks." + kind
                    + " is not supported yet (prestart, createRuntime, poststart and poststop are)");
        }
    }
}
