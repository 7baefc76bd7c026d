package mydocker.ch07.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A registry's bytes as they arrive, held to the descriptor that named them:
 * more bytes than its size is an error at once (a registry cannot fill the
 * disk), and at the end the count and the sha256 must be the descriptor's.
 * Content addressing is the whole of the distribution API's integrity: what
 * does not hash to the digest asked for is not that content.
 */
final class VerifiedStream extends FilterInputStream {
    private final String what;
    private final String digest;
    private final long size;
    private final MessageDigest sha256;
    private long count;
    private boolean verified;

    VerifiedStream(InputStream in, String what, String digest, long size) {
        super(in);
        this.what = what;
        this.digest = digest;
        this.size = size;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            verify();
            return n;
        }
        count += n;
        if (count > size) {
            throw new RegistryException(what + " is longer than the " + size + " bytes its descriptor says: refused");
        }
        sha256.update(buf, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a verified stream is read, not skipped");
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        if (count != size) {
            throw new RegistryException(
                    what + " ended after " + count + " of the " + size + " bytes its descriptor says: refused");
        }
        String got = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        if (!got.equals(digest)) {
            throw new RegistryException(what + " has digest " + got + ", not " + digest + " as asked: refused");
        }
    }
}
