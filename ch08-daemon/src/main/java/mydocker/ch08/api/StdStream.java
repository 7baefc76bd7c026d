package mydocker.ch08.api;

/**
 * Docker's multiplexed stream (the Engine API's "stream format", what the CLI's
 * stdcopy reads when a container has no terminal): each frame is an 8-byte
 * header — the stream (1 stdout, 2 stderr), three zero bytes, the payload's
 * length as a 32-bit big-endian number — then the payload.
 */
final class StdStream {
    static final byte STDOUT = 1;
    /** Frames are cut at this size, so one write never holds a whole log. */
    static final int MAX_FRAME = 32 * 1024;

    private StdStream() {}

    /** One frame of {@code stream}: the header, then the first {@code length} bytes of {@code payload}. */
    static byte[] frame(byte stream, byte[] payload, int length) {
        byte[] framed = new byte[8 + length];
        framed[0] = stream;
        framed[4] = (byte) (length >>> 24);
        framed[5] = (byte) (length >>> 16);
        framed[6] = (byte) (length >>> 8);
        framed[7] = (byte) length;
        System.arraycopy(payload, 0, framed, 8, length);
        return framed;
    }
}
