package mydocker.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.util.Set;
import java.util.stream.Stream;
import mydocker.ch08.Main;
import mydocker.docs.DocCommands.DocCommand;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine.ParseResult;

/**
 * The docs' safe {@code ./mydocker} commands, run for real as a reader pastes
 * them: through bash and the launcher, from the project's root, stdin
 * {@code /dev/null} (a demo's shell then ends at once), with this test's own
 * data and exec roots. Each must exit 0; one the docs follow with
 * {@code echo $?} (to show a container's exit code) must at least not fail in
 * mydocker itself (125).
 *
 * <p>Safe means: it makes nothing outside the test's roots, ends by itself and
 * needs no terminal or network outside: the demos but {@code cgroup-memory}
 * (its point is stress's OOM kill, CgroupDemosIT has it), {@code run} in the
 * foreground without a volume, a network or a port, {@code images},
 * {@code ps}, {@code doctor}, {@code --help}. Not a command whose words expand a
 * variable set by an earlier one ({@code $id}), nor a {@code run} of an image
 * other than busybox: an earlier command made it, and that one did not run.
 */
@Privileged
class DocCommandsIT {
    private static final Set<String> SAFE_SUBCOMMANDS = Set.of(
            "uts", "ipc", "pid", "mount", "user", "net", "overlay", "cgroup-cpu", "run", "images", "ps", "doctor");

    /** run's options that need a terminal, outlive the command, or touch the host outside the test's roots. */
    private static final Set<String> UNSAFE_OPTIONS =
            Set.of("--interactive", "--tty", "--detach", "--volume", "--net", "--publish");

    private static final long TIMEOUT_SECONDS = 300;

    /** Only its roots: each command names its own chapter (or gets the newest, whose Main this is). */
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TestFactory
    Stream<DynamicTest> theSafeCommandsRunAsWritten() {
        return DocCommands.all().stream()
                .filter(DocCommandsIT::safe)
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> runsAsWritten(c)));
    }

    private void runsAsWritten(DocCommand command) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", command.command().text())
                .directory(DocCommands.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        bash.environment().putAll(mydocker.env());
        bash.environment().put(TestCgroups.ENV, TestCgroups.PARENT);
        bash.environment()
                .remove("MYDOCKER_CHAPTER"); // a fresh shell: the command names its chapter or gets the newest
        Result r = ChapterProgram.finish(bash.start(), TIMEOUT_SECONDS, command.toString());
        if (command.exitCodeShown()) {
            assertNotEquals(125, r.exitCode(), command + "\n" + r);
        } else {
            assertEquals(0, r.exitCode(), command + "\n" + r);
        }
    }

    private static boolean safe(DocCommand command) {
        if (!command.runsAChapter()
                || !command.program().equals("./mydocker")
                || command.command().expands()) {
            return false;
        }
        ParseResult parsed;
        try {
            parsed = ChapterModel.of(command.chapter()).parse(command.args().toArray(String[]::new));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // DocCommandsTest names what is wrong; running it shows how the reader meets it
        }
        if (!parsed.hasSubcommand()) {
            return true;
        }
        ParseResult sub = parsed.subcommand();
        return SAFE_SUBCOMMANDS.contains(sub.commandSpec().name())
                && UNSAFE_OPTIONS.stream().noneMatch(sub::hasMatchedOption)
                && sub.matchedPositionals().stream()
                        .noneMatch(p -> p.paramLabel().equals("IMAGE") && !"busybox".equals(p.getValue()));
    }
}
