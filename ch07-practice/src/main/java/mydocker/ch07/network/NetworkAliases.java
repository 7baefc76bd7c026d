package mydocker.ch07.network;

import java.util.List;
import java.util.regex.Pattern;
import mydocker.ch04.ContainerConfig;

/**
 * {@code --network-alias}: more names a container answers to on its network,
 * besides its own (Docker keeps them as the endpoint's Aliases). Checked once
 * at {@code run}: each becomes a word of other containers' /etc/hosts, so a
 * space or a line break in one would write lines of the user's choosing there.
 */
public record NetworkAliases(List<String> aliases) {
    public static final ContainerConfig.Extension<NetworkAliases> EXTENSION =
            new ContainerConfig.Extension<>("networkAliases", NetworkAliases.class);

    /** A host name's characters, as Docker allows in container names. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public NetworkAliases {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        for (String alias : aliases) {
            if (!NAME.matcher(alias).matches() || alias.length() > 253) {
                throw new IllegalArgumentException("--network-alias '" + alias
                        + "': an alias is a host name: only [a-zA-Z0-9][a-zA-Z0-9_.-], up to 253 characters");
            }
        }
    }

    /** The aliases a container's config holds; none for one run without them. */
    public static List<String> of(ContainerConfig config) {
        return config.get(EXTENSION).map(NetworkAliases::aliases).orElse(List.of());
    }
}
