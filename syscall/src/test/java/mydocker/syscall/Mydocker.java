package mydocker.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mydocker.syscall.ChapterProgram.Result;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A chapter's program as a privileged test runs it, {@code mydocker ARGS} in
 * a JVM of its own ({@link ChapterProgram}), with the test's own data and
 * exec roots, so that it never sees or touches a reader's containers and
 * images, nor another test's. A later chapter's tests extend it with what
 * that chapter keeps on disk.
 *
 * <p>It is the JUnit extension that makes those roots:
 * {@code @RegisterExtension final Mydocker mydocker = Mydocker.of(Main.class);}
 * makes both, mode 0700, before each test and removes them after it. On a
 * static field the data root (the image store: busybox is built once) lives
 * for the class, and only the exec root is made anew for each test. Removal
 * never follows a symlink, and never goes through a mount: a rootfs or volume
 * still mounted under a root fails the test, named, and the roots stay for a
 * look, as deleting through a bind mount would delete the host's files.
 */
public class Mydocker implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Where this JVM's roots are made: a directory no other user can write, so no link can take a root's place. */
    private static final Path HOMES = homes();

    private static final AtomicInteger MADE = new AtomicInteger();

    /** A mount point as mountinfo escapes it: space, tab, newline and backslash as octal ({@code \040}). */
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    private final Class<?> main;
    private final Path dataRoot;
    private final Path execRoot;

    /** The directory that holds both roots, when this Mydocker makes and removes them ({@link #of}). */
    private Path home;

    /** Registered on a static field: the data root lives from before all tests to after all. */
    private boolean dataRootForTheClass;

    /** A subclass's constructor, for {@link #of(Class, Subclass)}: {@code TestEngine::new}. */
    public interface Subclass<T extends Mydocker> {
        T make(Class<?> main, Path dataRoot, Path execRoot);
    }

    protected Mydocker(Class<?> main, Path dataRoot, Path execRoot) {
        this.main = main;
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
    }

    /** Chapter {@code main}'s program, with roots it makes and removes as an extension. */
    public static Mydocker of(Class<?> main) {
        return of(main, Mydocker::new);
    }

    /** The same, as a chapter's subclass of this one. */
    public static <T extends Mydocker> T of(Class<?> main, Subclass<T> subclass) {
        Path home = HOMES.resolve(String.valueOf(MADE.incrementAndGet()));
        T mydocker = subclass.make(main, home.resolve("root"), home.resolve("exec"));
        ((Mydocker) mydocker).home = home; // T's view would hide the private field
        return mydocker;
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public Path execRoot() {
        return execRoot;
    }

    public Map<String, String> env() {
        return Map.of("MYDOCKER_ROOT", dataRoot.toString(), "MYDOCKER_EXEC_ROOT", execRoot.toString());
    }

    public Result run(String... args) {
        return ChapterProgram.run(main, env(), args);
    }

    /** Like {@link #run}, and it must succeed: a failure fails the test, showing its output. */
    public Result ok(String... args) {
        return ChapterProgram.ok(main, env(), args);
    }

    /** Starts it and returns at once, for a test that acts while it runs; {@link ChapterProgram#finish} ends it. */
    public Process start(String... args) {
        return ChapterProgram.start(main, env(), args);
    }

    /** Like {@link #start}, on a terminal of its own. */
    public Process startOnTerminal(String... args) {
        return ChapterProgram.startOnTerminal(main, env(), args);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataRootForTheClass = true;
        make(home(), dataRoot);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!dataRootForTheClass) {
            make(home(), dataRoot);
        }
        make(execRoot);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        nothingMountedUnder(home());
        delete(dataRootForTheClass ? execRoot : home);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        nothingMountedUnder(home());
        delete(home);
    }

    private Path home() {
        if (home == null) {
            throw new IllegalStateException(
                    "these roots are the caller's: make the Mydocker with Mydocker.of to register it as an extension");
        }
        return home;
    }

    /** Each directory new, never one that was there (a leftover, or a link in its place). */
    private static void make(Path... dirs) throws IOException {
        for (Path dir : dirs) {
            Files.createDirectory(dir, OWNER_ONLY);
        }
    }

    /**
     * Deleting through a mount would delete what is mounted: a volume's host
     * directory, the image's layers under a leaked rootfs. So a mount left
     * under the roots fails the test, named, and the roots stay for a look.
     */
    private static void nothingMountedUnder(Path dir) throws IOException {
        List<Path> mounts = mountsUnder(dir);
        if (!mounts.isEmpty()) {
            throw new AssertionError("still mounted under the test's roots, so " + dir
                    + " is left in place (umount them, then remove it): " + mounts);
        }
    }

    /** Removes {@code dir} and all in it, the links themselves and not what they point at. */
    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return; // its making failed: JUnit runs the after callbacks all the same
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException failed) throws IOException {
                if (failed != null) {
                    throw failed;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The mount points at or below {@code dir} in this JVM's mount namespace, the host's. */
    private static List<Path> mountsUnder(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> Path.of(unescape(line.split(" ")[4])))
                .filter(point -> point.startsWith(dir))
                .toList();
    }

    private static String unescape(String field) {
        Matcher octal = OCTAL.matcher(field);
        StringBuilder plain = new StringBuilder();
        while (octal.find()) {
            octal.appendReplacement(
                    plain, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(octal.group(1), 8))));
        }
        return octal.appendTail(plain).toString();
    }

    private static Path homes() {
        try {
            Path homes = Files.createTempDirectory("mydocker-test-", OWNER_ONLY);
            homes.toFile().deleteOnExit(); // once empty: a root left for a look keeps it
            return homes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
