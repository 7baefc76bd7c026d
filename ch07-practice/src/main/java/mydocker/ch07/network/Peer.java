package mydocker.ch07.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mydocker.ch04.ContainerConfig;
import mydocker.ch05.Names;
import mydocker.ch06.Endpoint;

/**
 * A container on a network as the others see it: its address there and the
 * names it answers to — Docker's DNSNames: its name, its network aliases, its
 * host name and its short ID.
 */
record Peer(String id, String network, String address, List<String> names) {
    static Peer of(ContainerConfig config, Endpoint.Stored endpoint) {
        Set<String> names = new LinkedHashSet<>();
        if (Names.of(config) != null) {
            names.add(Names.of(config));
        }
        names.addAll(NetworkAliases.of(config));
        names.add(config.hostname());
        names.add(config.id().substring(0, 12));
        // Checked again where it is written: a name that is not a host name
        // (an old config, a hand-edited one) never becomes a word of a hosts file.
        names.removeIf(n -> n == null || !NetworkAliases.NAME.matcher(n).matches());
        return new Peer(config.id(), endpoint.network(), endpoint.address(), new ArrayList<>(names));
    }

    /** Its line in a hosts file. */
    String line() {
        return address + "\t" + String.join(" ", names) + "\n";
    }
}
