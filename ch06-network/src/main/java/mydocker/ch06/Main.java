package mydocker.ch06;

import picocli.CommandLine.Command;

/** Chapter 6 (容器网络): networks for containers. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch06",
        description = "Chapter 6: container networks (bridge driver, IPAM, veth, NAT).")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
