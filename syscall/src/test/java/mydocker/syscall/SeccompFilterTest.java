package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The libseccomp binding, without root: a filter compiled by the library and
 * loaded on a thread of this JVM made for the test (no_new_privs and the
 * filter are the thread's own, and go with it).
 */
class SeccompFilterTest {
    private static final int ENOTSUP = 95;

    @Test
    void aLoadedFilterAnswersTheDeniedSyscallWithItsErrnoOnItsThreadOnly() throws Exception {
        SeccompFilter.Program program;
        try (SeccompFilter filter = SeccompFilter.create(SeccompFilter.ACT_ALLOW)) {
            filter.addRule(
                    SeccompFilter.ACT_ERRNO | ENOTSUP,
                    "chdir",
                    SeccompFilter.syscallNumber("chdir").orElseThrow(),
                    List.of());
            program = filter.compile();
        }
        assertTrue(program.instructions() > 0);

        AtomicReference<Throwable> onFilteredThread = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            Syscall.prctl(38, 1); // PR_SET_NO_NEW_PRIVS: loading a filter without CAP_SYS_ADMIN
            program.load(0);
            try {
                Syscall.chdir(".");
            } catch (Throwable e) {
                onFilteredThread.set(e);
            }
        });
        thread.start();
        thread.join();
        SyscallException denied = (SyscallException) onFilteredThread.get();
        assertEquals(ENOTSUP, denied.errno(), String.valueOf(denied));
        Syscall.chdir("."); // this thread has no filter
    }

    @Test
    void anArgumentComparisonNarrowsTheRule() throws Exception {
        SeccompFilter.Program program;
        try (SeccompFilter filter = SeccompFilter.create(SeccompFilter.ACT_ALLOW)) {
            // prctl(4242, ...) denied, any other option allowed
            filter.addRule(
                    SeccompFilter.ACT_ERRNO | ENOTSUP,
                    "prctl",
                    SeccompFilter.syscallNumber("prctl").orElseThrow(),
                    List.of(new SeccompFilter.Comparison(0, 4, 4242, 0)));
            program = filter.compile();
        }
        AtomicReference<Throwable> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            Syscall.prctl(38, 1);
            program.load(0);
            Syscall.prctl(38, 1); // option 38: allowed
            try {
                Syscall.prctl(4242, 0);
            } catch (Throwable e) {
                result.set(e);
            }
        });
        thread.start();
        thread.join();
        assertEquals(ENOTSUP, ((SyscallException) result.get()).errno(), String.valueOf(result.get()));
    }

    @Test
    void namesTheLibraryDoesNotKnow() {
        assertTrue(SeccompFilter.syscallNumber("no_such_syscall").isEmpty());
        // x86's multiplexed socketcall is no syscall of x86_64: a pseudo-number, but one the library knows.
        assertTrue(SeccompFilter.syscallNumber("socketcall").isPresent());
    }

    /**
     * Podman's profile on x86_64 with x86 beside it: socketcall allowed, then
     * socket's audit rule and its two allow rules. Without the socketcall
     * rule libseccomp refuses the third (EEXIST) — the rules must all go in,
     * in order.
     */
    @Test
    void aRuleForAnotherArchitecturesSyscallKeepsTheRulesAfterIt() {
        try (SeccompFilter filter = SeccompFilter.create(SeccompFilter.ACT_ALLOW)) {
            filter.addArchitecture("x86");
            filter.addArchitecture("x32");
            int errno22 = SeccompFilter.ACT_ERRNO | 22;
            int log = SeccompFilter.ACT_LOG;
            filter.addRule(
                    log, "socketcall", SeccompFilter.syscallNumber("socketcall").orElseThrow(), List.of());
            int socket = SeccompFilter.syscallNumber("socket").orElseThrow();
            filter.addRule(
                    errno22,
                    "socket",
                    socket,
                    List.of(new SeccompFilter.Comparison(0, 4, 16, 0), new SeccompFilter.Comparison(2, 4, 9, 0)));
            filter.addRule(log, "socket", socket, List.of(new SeccompFilter.Comparison(2, 1, 9, 0)));
            filter.addRule(log, "socket", socket, List.of(new SeccompFilter.Comparison(0, 1, 16, 0)));
            assertTrue(filter.compile().instructions() > 0);
        }
        assertTrue(SeccompFilter.knowsArchitecture("x86"));
        assertTrue(!SeccompFilter.knowsArchitecture("vax"));
        try (SeccompFilter filter = SeccompFilter.create(SeccompFilter.ACT_ALLOW)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> filter.addArchitecture("vax"));
            assertEquals("libseccomp does not know the architecture vax", e.getMessage());
        }
    }
}
