package mydocker.syscall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java form of the book's {@code exec.Command("/proc/self/exe", "init")}
 * (book 3.2): the command line that starts this chapter's program again in a
 * new JVM.
 *
 * <p>{@code /proc/self/exe} is {@code java}, which is not enough: the new JVM
 * also needs the chapter's classpath. {@code java.class.path} will not do, since
 * under {@code mvn exec:java} it is Maven's own. So the build writes the
 * chapter's runtime classpath next to its main class
 * ({@code mydocker/chNN/classpath.txt}, by {@code dependency:build-classpath}),
 * and both this class and the {@code ./mydocker} launcher read it from there.
 */
public final class SelfExec {
    private SelfExec() {}

    /** Set by the launcher's training run: the re-executed JVM records its classes there and must not execve. */
    public static final String TRAIN_ARCHIVE = "MYDOCKER_TRAIN_INIT_ARCHIVE";
    /** What the container's init checks to stop short of execve in a training run. */
    public static final String TRAINING = "mydocker.training";

    /** {@code java [options] -cp <chapter classpath> <main> args...}, options as {@link #jvmOptions}. */
    public static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int feature = Runtime.version().feature();
        command.addAll(jvmOptions());
        command.addAll(classDataSharing(main, feature));
        command.add("-cp");
        command.add(classpath(main));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The options of every chapter JVM, as the build wrote them next to this
     * class from the parent pom's {@code jvm.options} (why each one is there is
     * said there): the {@code ./mydocker} launcher reads the same file. Lines
     * starting with {@code #} are comments.
     */
    static List<String> jvmOptions() {
        try (InputStream written = SelfExec.class.getResourceAsStream("jvm-options.txt")) {
            if (written == null) {
                throw new IllegalStateException("no jvm-options.txt next to " + SelfExec.class.getName()
                        + ": build first (mvn install, see README)");
            }
            List<String> options = new ArrayList<>();
            for (String line : new String(written.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    options.addAll(List.of(line.strip().split("\\s+")));
                }
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The archive of the re-executed JVM's classes, beside the chapter's jar, as
     * the launcher names it: {@code init-jdk17.jsa} (class-data sharing) or, from
     * JDK 25, {@code init-jdk25.aot} (the AOT cache, which also keeps classes
     * linked and method profiles).
     */
    static String initArchiveName(int javaFeatureVersion) {
        return "init-jdk" + javaFeatureVersion + (javaFeatureVersion >= 25 ? ".aot" : ".jsa");
    }

    /**
     * Class-data sharing for the re-executed JVM (it starts faster): when the chapter
     * runs from its jar and the launcher recorded the init archive beside it,
     * map it in (skipped when stale, silently: {@link #jvmOptions} turn the
     * JVM's logging off). In the launcher's training run, record it instead.
     */
    static List<String> classDataSharing(Class<?> main, int javaFeatureVersion) {
        boolean aot = javaFeatureVersion >= 25;
        String training = System.getenv(TRAIN_ARCHIVE);
        if (training != null) {
            return List.of(
                    (aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + training, "-D" + TRAINING + "=true");
        }
        Path own = ownCode(main);
        Path archive = own.resolveSibling(initArchiveName(javaFeatureVersion));
        if (own.toString().endsWith(".jar") && Files.isRegularFile(archive)) {
            return List.of((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        }
        return List.of();
    }

    /**
     * The environment for a re-executed JVM whose stderr is a container's: the
     * host's minus the variables a JVM would announce there ("Picked up
     * JAVA_TOOL_OPTIONS"). The user's command gets its own environment later.
     */
    public static List<String> jvmEnv() {
        List<String> env = new ArrayList<>();
        System.getenv().forEach((k, v) -> {
            if (!List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")
                    .contains(k)) {
                env.add(k + "=" + v);
            }
        });
        return env;
    }

    private static Path ownCode(Class<?> main) {
        try {
            return Path.of(
                    main.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The main class's own classes followed by the classpath the build recorded. */
    static String classpath(Class<?> main) {
        try (InputStream recorded = main.getResourceAsStream("classpath.txt")) {
            if (recorded == null) {
                throw new IllegalStateException("no classpath.txt next to " + main.getName()
                        + ": build the chapter first (mvn install, see README)");
            }
            String dependencies = new String(recorded.readAllBytes(), StandardCharsets.UTF_8).strip();
            String own = Path.of(main.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            return dependencies.isEmpty() ? own : own + ":" + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
