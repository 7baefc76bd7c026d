package mydocker.ch07.network;

import java.util.List;
import mydocker.ch04.ContainerLayout;

/**
 * A networked container's /etc/hosts: its own lines as chapter 4 writes them,
 * with its address on the network instead of 127.0.1.1 (as Docker writes it),
 * then one line for each other container on the same network.
 */
final class HostsFile {
    private HostsFile() {}

    static String render(Peer self, List<Peer> network) {
        StringBuilder text = new StringBuilder(ContainerLayout.LOCALHOST_LINES);
        text.append(self.line());
        for (Peer peer : network) {
            if (!peer.id().equals(self.id())) {
                text.append(peer.line());
            }
        }
        return text.toString();
    }
}
