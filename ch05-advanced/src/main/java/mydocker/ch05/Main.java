package mydocker.ch05;

import picocli.CommandLine.Command;

/** Chapter 5 (构造容器进阶): containers in the background, and the commands to look after them. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch05",
        description = "Chapter 5: detached containers and the commands to manage them.")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
