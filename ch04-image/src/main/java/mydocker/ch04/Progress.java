package mydocker.ch04;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import mydocker.syscall.Syscall;

/**
 * One progress line on stderr while a big input is read: redrawn in place on
 * a terminal ({@code importing 12.3MB / 104MB}), a single line otherwise.
 */
final class Progress extends FilterInputStream {
    private static final long BIG = 10_000_000;
    private final String what;
    private final long total;
    private final boolean terminal = Syscall.isatty(2);
    private long done;
    private long lastDrawn;

    Progress(InputStream in, String what, long total) {
        super(in);
        this.what = what;
        this.total = total;
        if (total > BIG && !terminal) {
            System.err.println("mydocker: " + what + " " + Human.size(total) + "...");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        advance(Math.max(n, 0));
        return n;
    }

    private void advance(int n) {
        done += n;
        long now = System.nanoTime();
        if (terminal && (total > BIG || total < 0) && now - lastDrawn > 200_000_000L) {
            lastDrawn = now;
            System.err.print(
                    "\rmydocker: " + what + " " + Human.size(done) + (total > 0 ? " / " + Human.size(total) : ""));
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (terminal && lastDrawn != 0) {
            System.err.println();
        }
    }
}
