import java.util.Arrays;
import mydocker.ch06.Main;

/**
 * The measured potential of a daemon (bench/README.md, "Designs past 8×"):
 * the newest chapter's CLI run N times in one JVM, so that from the second
 * run on nothing of the CLI is cold — what a long-lived engine process would
 * pay per `run`. The container's init is still a fresh JVM each time.
 *
 *   java -cp CLASSPATH bench/WarmCli.java N [-D] run --rm busybox true
 *
 * Prints one line per run: milliseconds and exit status (the -D lines go to stderr).
 */
public final class WarmCli {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            int status = Main.engine().run(command);
            System.out.println((System.nanoTime() - start) / 1_000_000 + " " + status);
        }
    }
}
