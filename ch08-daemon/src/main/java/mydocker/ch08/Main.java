package mydocker.ch08;

import picocli.CommandLine.Command;

/**
 * Chapter 8 (《Docker源码分析》's architecture: client, daemon, API server):
 * chapter 7's program, plus {@code daemon}, which serves the same engine to
 * Docker's own clients over the Docker Engine API on a Unix socket.
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch08",
        description = "Chapter 8: chapter 7's engine, and `daemon`: the Docker Engine API on a Unix socket.")
public final class Main {
    public static Engine engine() {
        return new Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
