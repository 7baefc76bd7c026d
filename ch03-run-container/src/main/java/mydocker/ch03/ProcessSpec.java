package mydocker.ch03;

import java.util.List;

/**
 * The user's command and its environment, as init execs them (the OCI
 * runtime spec's {@code process}: args and env). The first part of every
 * {@link InitMessage}.
 */
public record ProcessSpec(List<String> argv, List<String> env) {
    public static final InitMessage.Part<ProcessSpec> PART = new InitMessage.Part<>(
            "process",
            (out, p) -> {
                InitMessage.writeStrings(out, p.argv());
                InitMessage.writeStrings(out, p.env());
            },
            in -> new ProcessSpec(InitMessage.readStrings(in), InitMessage.readStrings(in)));

    public ProcessSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
    }

    /** The message init reads: this process, to which the host steps add their parts. */
    public InitMessage message() {
        return InitMessage.empty().with(PART, this);
    }
}
