package mydocker.ch07.build;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mydocker.ch03.Root;
import mydocker.ch03.Storage;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.Scratch;
import mydocker.ch05.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker build [-t NAME[:TAG]]... [-f Dockerfile] [--no-cache] [-q]
 * CONTEXT}: an image from a Dockerfile, step by step ({@link Build}), with
 * Docker's classic builder's progress lines. Everything given is read and
 * checked before the first step: the names, the Dockerfile, the context.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Build an image from a Dockerfile and the files of CONTEXT (a directory).",
        footer = {"", "Examples:", "  mydocker build -t hello:1 ."})
public final class BuildCommand implements Callable<Integer> {
    /** A Dockerfile larger than this is refused before it is read whole (Docker's own limit is far larger). */
    private static final long MAX_DOCKERFILE = 1 << 20;

    @Option(
            names = {"-t", "--tag"},
            paramLabel = "NAME[:TAG]",
            description = "Name the image (more than one -t gives it more names).")
    List<String> tags = new ArrayList<>();

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile).")
    Path file;

    @Option(names = "--no-cache", description = "Do not use the cache: run every step.")
    boolean noCache;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the image ID (the steps' own output still shows).")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The directory COPY and ADD take files from.")
    Path contextDir;

    private final Engine engine;

    public BuildCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException {
        List<ImageReference> names = new ArrayList<>();
        for (String tag : tags) {
            ImageReference ref = ImageReference.parse(tag);
            if (ref.digest() != null) {
                throw new IllegalArgumentException("-t names an image NAME[:TAG], not a digest: " + tag);
            }
            names.add(ref);
        }
        BuildContext context = BuildContext.of(contextDir);
        List<Instruction> steps =
                Dockerfile.parse(dockerfile(file != null ? file : context.root().resolve("Dockerfile")));
        Root.require("build");
        ImageStore store = ImageStore.at(Storage.dataRoot());
        store.sweep();
        PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
        String id;
        try (Scratch scratch = store.scratch()) {
            id = new Build(engine, store, scratch, context, new BuildCache(Storage.dataRoot(), store), !noCache, out)
                    .run(steps);
            if (id.equals("scratch")) {
                throw new IllegalArgumentException("No image was generated: the Dockerfile has only FROM scratch");
            }
            Map<ImageReference, String> tagged = new LinkedHashMap<>();
            names.forEach(n -> tagged.put(n, id));
            store.register(List.of(), tagged);
        } catch (IOException | RuntimeException e) {
            store.sweepAfter(e);
            throw e;
        }
        out.println("Successfully built " + id.substring(7, 19));
        names.forEach(n -> out.println("Successfully tagged " + n));
        if (quiet) {
            System.out.println(id);
        }
        return 0;
    }

    /** The Dockerfile's text: a regular file of reasonable size, UTF-8. */
    private static String dockerfile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    "unable to read the Dockerfile " + path + ": no such file (give -f FILE)");
        }
        if (Files.size(path) > MAX_DOCKERFILE) {
            throw new IllegalArgumentException("the Dockerfile " + path + " is larger than 1 MiB");
        }
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }
}
