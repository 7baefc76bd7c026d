package mydocker.syscall;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Passing an open descriptor to another process over a Unix socket: one
 * sendmsg(2) whose control message is {@code SCM_RIGHTS} with the descriptor,
 * and a few bytes of payload (a socket carries no control message without
 * data). The receiver gets its own descriptor of the same open file — how an
 * OCI runtime hands a container's pty master to the engine that called it
 * (runc's {@code utils.SendFd}, whose payload is the name {@code /dev/ptmx}).
 *
 * <p>The structs, as on every 64-bit Linux: {@code struct msghdr} is 56 bytes
 * (name, namelen, iov, iovlen, control, controllen, flags), {@code struct
 * iovec} 16, and one {@code struct cmsghdr} with an int is CMSG_SPACE(4) = 24
 * bytes: its length (CMSG_LEN(4) = 20), level, type, then the descriptor.
 */
public final class ScmRights {
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    private static final int CMSG_LEN = 20;
    private static final int CMSG_SPACE = 24;
    private static final int PAYLOAD_MAX = 4096;

    /** What came: the receiver's new descriptor (close-on-exec) and the payload. */
    public record Received(int fd, String payload) {}

    private ScmRights() {}

    /** Sends {@code fd} over the connected {@code socket}, with {@code payload} (not empty) as its data. */
    public static void send(int socket, int fd, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        Message message = new Message(data.length);
        message.data.put(0, data, 0, data.length);
        message.control.putLong(0, CMSG_LEN);
        message.control.putInt(8, SOL_SOCKET);
        message.control.putInt(12, SCM_RIGHTS);
        message.control.putInt(16, fd);
        long sent = Syscall.LIBC.sendmsg(socket, message.header, 0);
        Syscall.check(
                (int) Math.min(sent, 0),
                () -> Syscall.call("sendmsg", socket, "{" + Syscall.quote(payload) + ", SCM_RIGHTS [" + fd + "]}", 0));
    }

    /** Waits for one message on {@code socket}; it must carry a descriptor. */
    public static Received receive(int socket) {
        Message message = new Message(PAYLOAD_MAX);
        long n;
        do {
            n = Syscall.LIBC.recvmsg(socket, message.header, MSG_CMSG_CLOEXEC);
        } while (n < 0 && Syscall.RUNTIME.getLastError() == Errno.EINTR);
        Syscall.check((int) Math.min(n, 0), () -> Syscall.call("recvmsg", socket, "msg", "MSG_CMSG_CLOEXEC"));
        long controlLength = message.header.getLong(40);
        if (controlLength < CMSG_LEN
                || message.control.getInt(8) != SOL_SOCKET
                || message.control.getInt(12) != SCM_RIGHTS) {
            throw new IllegalStateException("recvmsg(" + socket + "): the message carried no descriptor");
        }
        byte[] data = new byte[(int) n];
        message.data.get(0, data, 0, data.length);
        return new Received(message.control.getInt(16), new String(data, StandardCharsets.UTF_8));
    }

    /** One msghdr with its iovec, data buffer and control buffer, in native memory. */
    private static final class Message {
        /** Held so that the memory lives as long as the message: its slices point into it. */
        private final Pointer all;

        final Pointer header;
        final Pointer data;
        final Pointer control;

        Message(int dataLength) {
            all = Memory.allocateDirect(Syscall.RUNTIME, MSGHDR + IOVEC + CMSG_SPACE + dataLength, true);
            header = all.slice(0, MSGHDR);
            Pointer iovec = all.slice(MSGHDR, IOVEC);
            control = all.slice(MSGHDR + IOVEC, CMSG_SPACE);
            data = all.slice(MSGHDR + IOVEC + CMSG_SPACE, dataLength);
            iovec.putAddress(0, data.address());
            iovec.putLong(8, dataLength);
            header.putAddress(16, iovec.address());
            header.putLong(24, 1);
            header.putAddress(32, control.address());
            header.putLong(40, CMSG_SPACE);
        }
    }
}
