package mydocker.ch07.registry;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import mydocker.ch04.Human;
import mydocker.syscall.Syscall;

/**
 * Docker's progress lines for pull and push, one per layer and step, on
 * stdout as Docker prints them: {@code 5f70bf18a086: Pulling fs layer},
 * {@code …: Download complete}, {@code …: Pull complete}, {@code …: Pushed},
 * the layer named by the first 12 hex digits of its digest. On a terminal
 * the transfer is redrawn in place ({@code …: Downloading 1.2MB/3.4MB}).
 */
final class LayerLines {
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream out;
    private final boolean terminal;

    LayerLines(PrintStream out) {
        this.out = out;
        this.terminal = Syscall.isatty(1);
    }

    static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    void status(String digest, String status) {
        out.println((terminal ? "\r\033[K" : "") + shortId(digest) + ": " + status);
    }

    /** The transfer's byte counter: redrawn on a terminal, silent otherwise. */
    LongConsumer transfer(String digest, String verb, long total) {
        if (!terminal) {
            return done -> {};
        }
        long[] lastDrawn = {0};
        return done -> {
            long now = System.nanoTime();
            if (now - lastDrawn[0] > REDRAW_NANOS || done == total) {
                lastDrawn[0] = now;
                out.print(
                        "\r\033[K" + shortId(digest) + ": " + verb + " " + Human.size(done) + "/" + Human.size(total));
                out.flush();
            }
        };
    }
}
