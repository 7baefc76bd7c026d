package mydocker.syscall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A {@code char *[]} ending in NULL, as execve(2) and posix_spawn(3) take argv
 * and envp. Built by hand rather than by jnr-ffi's String[] marshalling so that
 * the native memory is allocated at a moment we choose: before a thread enters
 * a new PID namespace, where jnr's first allocation (which starts its
 * finalizer thread) would fail: a thread that has unshared CLONE_NEWPID
 * cannot create threads (pthread_create returns EINVAL).
 */
final class NativeStrings {
    private final Pointer array;
    /** Keeps the strings' memory reachable for as long as the array is. */
    private final List<Pointer> strings;

    private NativeStrings(Pointer array, List<Pointer> strings) {
        this.array = array;
        this.strings = strings;
    }

    static NativeStrings of(List<String> values) {
        int size = Syscall.RUNTIME.addressSize();
        Pointer array = Memory.allocateDirect(Syscall.RUNTIME, (values.size() + 1) * size, true);
        List<Pointer> strings = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = Memory.allocateDirect(Syscall.RUNTIME, bytes.length + 1, true);
            s.put(0, bytes, 0, bytes.length);
            array.putPointer((long) i * size, s);
            strings.add(s);
        }
        return new NativeStrings(array, strings);
    }

    Pointer pointer() {
        return array;
    }

    /** Reads the array back, as the kernel will: used by the tests. */
    List<String> read() {
        int size = Syscall.RUNTIME.addressSize();
        List<String> out = new ArrayList<>();
        for (long off = 0; array.getPointer(off) != null; off += size) {
            out.add(array.getPointer(off).getString(0, Integer.MAX_VALUE, StandardCharsets.UTF_8));
        }
        return out;
    }
}
