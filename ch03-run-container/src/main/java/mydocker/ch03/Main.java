package mydocker.ch03;

import picocli.CommandLine.Command;

/**
 * Chapter 3 (构造容器): {@code mydocker run}. The CLI starts the container by
 * running this same program again as {@code init} inside new namespaces
 * (book 3.2, the Java form of {@code /proc/self/exe init}).
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch03",
        description = "Chapter 3: run a command in a container of its own.")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
