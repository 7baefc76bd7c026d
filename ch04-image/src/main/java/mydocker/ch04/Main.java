package mydocker.ch04;

import picocli.CommandLine.Command;

/** Chapter 4 (构造镜像): containers get a root filesystem of their own, made from an image. */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch04",
        description = "Chapter 4: run containers from images.")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
