package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code build} for real: each step a container or a layer, the cache, and a context that tries to get out. */
@Privileged
class BuildIT {
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left"); // and no mount: Mydocker checks
    }

    private static Path context(Path work, String dockerfile) throws IOException {
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return context;
    }

    @Test
    void anImageBuiltOnBusyboxRunsWithEverythingItsStepsSet(@TempDir Path work) throws Exception {
        Path context = context(
                work,
                String.join(
                        "\n",
                        "FROM busybox",
                        "ENV GREETING=\"hello there\"",
                        "WORKDIR /app",
                        "RUN echo built > made.txt && mkdir -p /var/empty",
                        "COPY note.txt conf/ ./",
                        "CMD [\"sh\", \"-c\", \"pwd; cat made.txt note.txt app.conf; echo $GREETING\"]",
                        ""));
        Files.writeString(context.resolve("note.txt"), "a note\n");
        Files.createDirectories(context.resolve("conf"));
        Files.writeString(context.resolve("conf/app.conf"), "conf=1\n");
        Result built = mydocker.ok("build", "-t", "app:1", context.toString());
        try {
            List<String> lines = built.stdout().lines().toList();
            assertEquals("Step 1/6 : FROM busybox", lines.get(0), built::toString);
            assertTrue(lines.contains("Step 4/6 : RUN echo built > made.txt && mkdir -p /var/empty"), built::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Removing intermediate container ")), built::toString);
            assertTrue(lines.get(lines.size() - 2).matches("Successfully built [0-9a-f]{12}"), built::toString);
            assertEquals("Successfully tagged app:1", lines.get(lines.size() - 1));

            assertEquals(
                    "/app\nbuilt\na note\nconf=1\nhello there\n",
                    mydocker.ok("run", "--rm", "app:1").stdout());
            assertEquals("", mydocker.ok("ps", "-a", "-q").stdout(), "the steps' containers are gone");

            List<String> history = mydocker.ok("history", "--no-trunc", "app:1")
                    .stdout()
                    .lines()
                    .toList();
            assertEquals(7, history.size(), "a header, the five steps after FROM, busybox's layer:\n" + history);
            String busybox =
                    mydocker.ok("inspect", "-f", "{{.Id}}", "busybox").stdout().strip();
            assertTrue(history.get(6).startsWith(busybox + " "), "the base image's own row: " + history.get(6));
            assertTrue(history.get(1).contains("/bin/sh -c #(nop)  CMD [\"sh\""), history.get(1));
            assertTrue(history.get(2).contains("/bin/sh -c #(nop) COPY multi:"), history.get(2));
            assertTrue(history.get(3).contains("/bin/sh -c echo built > made.txt"), history.get(3));
            assertTrue(history.get(4).contains("/bin/sh -c #(nop)  WORKDIR /app"), history.get(4));
            assertTrue(history.get(1).startsWith("sha256:"), "the top step is the image itself: " + history.get(1));
        } finally {
            mydocker.ok("rmi", "app:1");
        }
    }

    /**
     * The images a build's steps made are the cache, not what the user asked
     * for: {@code images} hides them (Docker's "intermediate images"), {@code -a}
     * shows them, and {@code rmi} of the built image deletes them with it,
     * unless another image still stands on them or {@code --no-prune}.
     */
    @Test
    void imagesHidesWhatTheStepsMadeAndRmiTakesItAlong(@TempDir Path work) throws Exception {
        Path context = context(work, "FROM busybox\nRUN echo one > /one\nENV STEP=two\nCMD [\"cat\", \"/one\"]\n");
        mydocker.ok("inspect", "busybox"); // made on first use: before the counts
        List<String> shownBefore = rows("images");
        List<String> allBefore = rows("images", "-a");
        String id = mydocker.ok("build", "-q", "-t", "steps:1", context.toString())
                .stdout()
                .strip();
        List<String> shown = rows("images");
        List<String> all = rows("images", "-a");
        assertEquals(shownBefore.size() + 1, shown.size(), "only the built image is new:\n" + shown);
        assertTrue(shown.stream().anyMatch(r -> r.startsWith("steps ")), shown::toString);
        assertEquals(allBefore.size() + 3, all.size(), "-a: the RUN's and the ENV's images too:\n" + all);

        Result removed = mydocker.ok("rmi", "steps:1");
        assertEquals(
                List.of("Untagged: steps:1", "Deleted: " + id),
                removed.stdout().lines().limit(2).toList(),
                removed::toString);
        assertEquals(4, removed.stdout().lines().count(), "the steps' two images deleted with it:\n" + removed);
        assertEquals(allBefore, rows("images", "-a"));

        mydocker.ok("build", "-q", "-t", "steps:1", context.toString());
        Result kept = mydocker.ok("rmi", "--no-prune", "steps:1");
        assertEquals(2, kept.stdout().lines().count(), kept::toString);
        assertEquals(allBefore.size() + 2, rows("images", "-a").size(), "--no-prune keeps the steps' images");
        assertEquals(shownBefore.size() + 1, rows("images").size(), "and the last of them is dangling, shown");
    }

    /** The rows of {@code images ...} without the header, as REPOSITORY TAG IMAGE-ID (CREATED changes as the test runs). */
    private static List<String> rows(String... args) {
        return mydocker.ok(args)
                .stdout()
                .lines()
                .skip(1)
                .map(r -> String.join(" ", List.of(r.split("\\s+")).subList(0, 3)))
                .toList();
    }

    @Test
    void aSecondBuildUsesTheCacheUntilAContextFileChanges(@TempDir Path work) throws Exception {
        Path context = context(
                work,
                "FROM busybox\nRUN echo cached > /c.txt\nCOPY data.txt /data.txt\nCMD [\"cat\", \"/data.txt\"]\n");
        Files.writeString(context.resolve("data.txt"), "one\n");
        String first = mydocker.ok("build", "-q", "-t", "cache:1", context.toString())
                .stdout()
                .strip();
        try {
            Result again = mydocker.ok("build", "-t", "cache:1", context.toString());
            assertEquals(
                    3,
                    again.stdout().lines().filter(" ---> Using cache"::equals).count(),
                    again::toString);
            assertFalse(again.stdout().contains("Running in"), "no step ran again: " + again);
            assertTrue(again.stdout().contains("Successfully built " + first.substring(7, 19)), again::toString);

            Files.writeString(context.resolve("data.txt"), "two\n");
            Result changed = mydocker.ok("build", "-t", "cache:1", context.toString());
            List<String> lines = changed.stdout().lines().toList();
            int copy = lines.indexOf("Step 3/4 : COPY data.txt /data.txt");
            assertEquals(" ---> Using cache", lines.get(copy - 2), "the RUN before it still hits:\n" + changed);
            assertFalse(lines.get(copy + 1).equals(" ---> Using cache"), "the COPY misses:\n" + changed);
            assertEquals("two\n", mydocker.ok("run", "--rm", "cache:1").stdout());

            Result noCache = mydocker.ok("build", "--no-cache", "-t", "cache:1", context.toString());
            assertFalse(noCache.stdout().contains("Using cache"), noCache::toString);
        } finally {
            mydocker.ok("rmi", "cache:1");
        }
    }

    @Test
    void whatDockerignoreLeavesOutIsNotInTheContext(@TempDir Path work) throws Exception {
        Path context = context(work, "FROM busybox\nCOPY . /ctx/\nCMD [\"find\", \"/ctx\", \"-type\", \"f\"]\n");
        Files.writeString(context.resolve(".dockerignore"), "*.secret\nlogs/\n");
        Files.writeString(context.resolve("keep.txt"), "kept\n");
        Files.writeString(context.resolve("api.secret"), "left out\n");
        Files.createDirectories(context.resolve("logs"));
        Files.writeString(context.resolve("logs/today.log"), "left out\n");
        Files.createDirectories(context.resolve("sub"));
        Files.writeString(context.resolve("sub/inner.secret"), "only the top's *.secret is left out\n");
        mydocker.ok("build", "-t", "ignored:1", context.toString());
        try {
            assertEquals(
                    Set.of("/ctx/.dockerignore", "/ctx/Dockerfile", "/ctx/keep.txt", "/ctx/sub/inner.secret"),
                    Set.copyOf(mydocker.ok("run", "--rm", "ignored:1")
                            .stdout()
                            .lines()
                            .toList()));
            Files.writeString(context.resolve("logs/today.log"), "changed, and still left out\n");
            Result again = mydocker.ok("build", "-t", "ignored:1", context.toString());
            assertEquals(
                    2,
                    again.stdout().lines().filter(" ---> Using cache"::equals).count(),
                    again::toString);
            Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY api.secret /x\n");
            Result r = mydocker.run("build", context.toString());
            assertEquals(125, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains(".dockerignore excludes it"), r::toString);
        } finally {
            mydocker.ok("rmi", "ignored:1");
        }
    }

    @Test
    void aSourceOutsideTheContextIsRefusedAndNothingIsLeft(@TempDir Path work) throws Exception {
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(work.resolve("secret"), "outside\n");
        Files.createSymbolicLink(context.resolve("etc-link"), Path.of("/etc"));
        Files.createSymbolicLink(context.resolve("up-link"), Path.of("../secret"));
        Files.createDirectories(context.resolve("dir"));
        Files.createSymbolicLink(context.resolve("dir/via"), Path.of("/etc"));
        storeInUse();
        Set<Path> before = files(mydocker.dataRoot());
        for (String copy : List.of(
                "COPY ../secret /x",
                "COPY dir/../../secret /x",
                "COPY etc-link /x",
                "COPY etc-link/passwd /x",
                "COPY up-link /x",
                "COPY dir/via/passwd /x",
                "COPY /etc/passwd /x",
                "COPY ../* /x/",
                "ADD ../secret /x")) {
            Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n" + copy + "\n");
            Result r = mydocker.run("build", context.toString());
            assertEquals(125, r.exitCode(), copy + ": " + r);
            assertEquals(1, r.stderr().lines().count(), copy + ": one line: " + r);
            assertTrue(r.stderr().startsWith("mydocker: Dockerfile line 2: "), copy + ": " + r);
            assertEquals(before, files(mydocker.dataRoot()), copy + ": nothing left in the store");
        }
    }

    @Test
    void aLinkCopiedEarlierNeverLeadsALaterFileOutOfTheLayer(@TempDir Path work) throws Exception {
        Path victim = Files.createDirectories(work.resolve("victim"));
        Path context = context(work, "FROM busybox\nCOPY a b /dst/\n");
        Files.createDirectories(context.resolve("a"));
        Files.createSymbolicLink(context.resolve("a/l"), victim);
        Files.createDirectories(context.resolve("b/l"));
        Files.writeString(context.resolve("b/l/planted"), "through the link\n");
        storeInUse();
        Set<Path> before = files(mydocker.dataRoot());
        Result r = mydocker.run("build", context.toString());
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().contains("a link copied earlier in this step"), r::toString);
        assertFalse(Files.exists(victim.resolve("planted")), "a file was written through the link");
        assertEquals(before, files(mydocker.dataRoot()));
    }

    @Test
    void aDockerfileThatDoesNotParseIsRefusedBeforeAnyStep(@TempDir Path work) throws Exception {
        Path context = Files.createDirectories(work.resolve("context"));
        storeInUse();
        Set<Path> before = files(mydocker.dataRoot());
        for (String dockerfile : List.of(
                "FROM busybox\nBOGUS x\n",
                "RUN true\n",
                "FROM busybox\nRUN\n",
                "FROM busybox\nFROM busybox\n",
                "# nothing\n")) {
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            Result r = mydocker.run("build", context.toString());
            assertEquals(125, r.exitCode(), dockerfile + r);
            assertEquals(1, r.stderr().lines().count(), dockerfile + r);
            assertEquals("", r.stdout(), "no step ran: " + r);
            assertEquals(before, files(mydocker.dataRoot()));
        }
        Result missing = mydocker.run("build", "-f", work.resolve("none").toString(), context.toString());
        assertEquals(125, missing.exitCode(), missing::toString);
        Result noContext = mydocker.run("build", work.resolve("absent").toString());
        assertEquals(125, noContext.exitCode(), noContext::toString);
    }

    @Test
    void aFailedRunStopsTheBuildWithItsExitCodeAndLeavesNothing(@TempDir Path work) throws Exception {
        Path context = context(work, "FROM busybox\nRUN echo partial > /p.txt; exit 3\nCMD [\"true\"]\n");
        storeInUse();
        Set<Path> before = files(mydocker.dataRoot());
        Result r = mydocker.run("build", "-t", "failed:1", context.toString());
        assertEquals(3, r.exitCode(), r::toString);
        assertEquals(
                "mydocker: The command '/bin/sh -c echo partial > /p.txt; exit 3' returned a non-zero code: 3\n",
                r.stderr());
        assertFalse(r.stdout().contains("Step 3/3"), "the build stopped: " + r);
        assertEquals(before, files(mydocker.dataRoot()), "no container, layer, image or temporary file");
        assertEquals(125, mydocker.run("history", "failed:1").exitCode(), "no image by that name");
    }

    /** busybox made, a container run and removed as a step's is: the engine's state directories exist. */
    private static void storeInUse() {
        mydocker.ok("run", "--name", "warm-up", "busybox", "true");
        mydocker.ok("rm", "warm-up");
    }

    /** The store's and the containers' entries, relative: what a command left shows here. */
    private static Set<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root, 3)) { // down to a layer, a container, a scratch area
            return all.map(root::relativize).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
