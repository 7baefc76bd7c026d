package mydocker.ch07;

import picocli.CommandLine.Command;

/**
 * Chapter 7 (高级实践): the Docker-like program of chapters 3-6, with
 * chapter 6's engine as it is; what is new in this chapter is the OCI
 * runtime beside it, {@link Runc} ({@code ./mydocker-runc}).
 */
@Command(
        name = "mydocker",
        mixinStandardHelpOptions = true,
        version = "mydocker ch07",
        description = "Chapter 7: chapter 6's engine; its OCI runtime is ./mydocker-runc.")
public final class Main {
    public static mydocker.ch06.Engine engine() {
        return new mydocker.ch06.Engine(Main.class);
    }

    public static void main(String[] args) {
        engine().main(args);
    }
}
