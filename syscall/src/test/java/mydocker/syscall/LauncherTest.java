package mydocker.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mydocker} launcher, run from a copy in a made-up checkout:
 * chapters ch02, ch05 and ch06, a {@code java} that writes down how it was called
 * (with its JDK's release file) and an {@code mvn} that does the same and
 * fails, so a test sees whether the launcher built or ran, and with what.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private Path checkout;
    private Path jdk;
    private Path tools;
    private Path calls;

    record Run(int exitCode, String stderr, String calls) {}

    @BeforeEach
    void aBuiltCheckout() throws IOException {
        checkout = tmp.resolve("checkout");
        jdk = tmp.resolve("jdk");
        tools = tmp.resolve("bin");
        calls = tmp.resolve("calls");
        Files.createDirectories(checkout.resolve("scripts"));
        Files.copy(Path.of("../mydocker"), checkout.resolve("mydocker"));
        script(checkout.resolve("scripts/install-deps.sh"), "exit 0");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        for (String source : List.of(
                "syscall/src/main/java/mydocker/syscall/SelfExec.java",
                "ch02-namespace-cgroup-unionfs/src/main/java/mydocker/ch02/Main.java",
                "ch05-advanced/src/main/java/mydocker/ch05/Main.java",
                "ch06-network/src/main/java/mydocker/ch06/Main.java",
                "ch05-advanced/src/main/c/mydocker-shim.c",
                "ch05-advanced/src/main/resources/mydocker/ch05/notes.txt",
                "syscall/src/main/jvm-options/mydocker/syscall/jvm-options.txt")) {
            Files.createDirectories(checkout.resolve(source).getParent());
            Files.writeString(checkout.resolve(source), "");
            age(checkout.resolve(source));
        }
        age(checkout.resolve("pom.xml"));
        for (String chapter : List.of(
                "ch02-namespace-cgroup-unionfs/target/classes/mydocker/ch02",
                "ch05-advanced/target/classes/mydocker/ch05",
                "ch06-network/target/classes/mydocker/ch06")) {
            Files.createDirectories(checkout.resolve(chapter));
            Files.writeString(checkout.resolve(chapter).resolve("classpath.txt"), "/deps/picocli.jar");
        }
        Path options = checkout.resolve("syscall/target/classes/mydocker/syscall/jvm-options.txt");
        Files.createDirectories(options.getParent());
        Files.writeString(options, "# JDK 17: the options of every chapter JVM\n-XX:+UseSerialGC -Xlog:disable\n");

        script(jdk.resolve("bin/java"), "printf 'java %s\\n' \"$*\" >>" + calls);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        script(tools.resolve("mvn"), "printf 'mvn %s\\n' \"$*\" >>" + calls + "; exit 1");
        for (String tool : List.of("readlink", "find", "mktemp", "cat", "rm", "touch")) {
            Files.createSymbolicLink(
                    tools.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
    }

    /** Older than any build output: a checkout freshly built. */
    private static void age(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("/bin/bash", checkout.resolve("mydocker").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        String stderr = new String(p.getErrorStream().readAllBytes());
        int exit = p.waitFor();
        return new Run(exit, stderr, Files.exists(calls) ? Files.readString(calls) : "");
    }

    private Run launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    @Test
    void aBuiltChapterRunsWithTheBuildsOptionsAndTheNewestChapterIsTheDefault() throws Exception {
        Run run = launch("ps");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                "java -XX:+UseSerialGC -Xlog:disable -cp " + checkout.resolve("ch06-network/target/classes")
                        + ":/deps/picocli.jar mydocker.ch06.Main ps\n",
                run.calls());
    }

    @Test
    void withNoJavaItSaysWhatToInstall() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()), "ps");
        assertEquals(125, run.exitCode(), run::toString);
        assertEquals(
                "mydocker: no Java found (" + tmp.resolve("nowhere/bin/java")
                        + "): install a JDK 17 or newer and Maven (apt install default-jdk maven)\n",
                run.stderr());
        Run onPath = launch(Map.of("JAVA_HOME", ""), "ps"); // and none on PATH
        assertEquals(125, onPath.exitCode(), onPath::toString);
        assertEquals(
                "mydocker: no Java found (java): install a JDK 17 or newer and Maven (apt install default-jdk maven)\n",
                onPath.stderr());
    }

    @Test
    void itOffersTheChaptersThatExist() throws Exception {
        for (String wrong : List.of("ch07", "ch03", "ch5", "../ch05", "*")) {
            Run run = launch(Map.of("MYDOCKER_CHAPTER", wrong), "ps");
            assertEquals(125, run.exitCode(), run::toString);
            assertEquals(
                    "mydocker: no chapter '" + wrong + "' here: MYDOCKER_CHAPTER takes one of ch02 ch05 ch06\n",
                    run.stderr());
        }
        assertEquals("", Files.exists(calls) ? Files.readString(calls) : "", "nothing ran");
        assertTrue(launch(Map.of("MYDOCKER_CHAPTER", "ch02"), "uts").calls().contains(" mydocker.ch02.Main uts\n"));
    }

    @Test
    void aChangedShimResourceOrPomIsBuilt() throws Exception {
        for (String changed : List.of(
                "ch05-advanced/src/main/c/mydocker-shim.c",
                "ch05-advanced/src/main/resources/mydocker/ch05/notes.txt",
                "syscall/src/main/jvm-options/mydocker/syscall/jvm-options.txt",
                "pom.xml",
                "syscall/src/main/java/mydocker/syscall/SelfExec.java")) {
            Files.setLastModifiedTime(checkout.resolve(changed), FileTime.from(Instant.now()));
            Run run = launch("ps");
            assertEquals(125, run.exitCode(), changed + ": " + run);
            assertEquals(
                    "mvn -B -q -pl :ch06 -am install -DskipTests -Dspotless.check.skip=true\n",
                    run.calls(),
                    changed + " changed: the launcher builds");
            age(checkout.resolve(changed));
            Files.delete(calls);
        }
    }

    /** The options file is the build JDK's: a JDK 25 flag would stop a JDK 17 from starting. */
    @Test
    void aBuildByAnotherJdkIsBuiltAgain() throws Exception {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Run run = launch("ps");
        assertTrue(run.calls().startsWith("mvn "), run::toString);
        assertFalse(run.calls().contains("java "), run::toString);
    }

    @Test
    void debugWorksAnywhereAmongTheGlobalOptions() throws Exception {
        for (List<String> args : List.of(List.of("-D", "ps"), List.of("--help", "--debug", "ps"))) {
            Run run = launch(args.toArray(String[]::new));
            assertTrue(
                    run.stderr()
                            .matches(
                                    "(?s)DEBU\\[[0-9.]+\\] launcher: start\n.*DEBU\\[[0-9.]+\\] launcher: exec java\n"),
                    args + ": " + run);
        }
        assertEquals("", launch("ps", "-D").stderr(), "after the subcommand -D is the subcommand's");
    }
}
