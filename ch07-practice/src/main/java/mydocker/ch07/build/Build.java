package mydocker.ch07.build;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import mydocker.ch02.ExitStatus;
import mydocker.ch04.CommitCommand;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.ImageStore;
import mydocker.ch04.image.LayerTar;
import mydocker.ch04.image.Scratch;
import mydocker.ch05.ContainerRemoval;
import mydocker.ch05.Containers;
import mydocker.ch05.Engine;

/**
 * One {@code build}: the Dockerfile's steps in order, each making an image
 * from the last, as Docker's classic builder does. A step that changes only
 * settings adds a history entry (its {@code empty_layer}); RUN runs its
 * command in a container of the engine made from the last image and commits
 * the container's upper layer (chapter 4's commit); COPY and ADD lay the
 * context's files out as a layer of their own. Each image is kept, unnamed,
 * as the build cache's answer for that step.
 */
final class Build {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Engine engine;
    private final ImageStore store;
    private final Scratch scratch;
    private final BuildContext context;
    private final BuildCache cache;
    private final boolean useCache;
    private final PrintStream out;

    /** The image the next step starts from; its ID is "scratch" for {@code FROM scratch}. */
    private FullImageConfig current;

    private String currentId;
    /** Whether a CMD of this Dockerfile set the Cmd (an ENTRYPOINT then keeps it; an inherited one it clears). */
    private boolean cmdSetHere;
    /** ARG values, for $NAME in later instructions. */
    private final Map<String, String> args = new HashMap<>();

    Build(
            Engine engine,
            ImageStore store,
            Scratch scratch,
            BuildContext context,
            BuildCache cache,
            boolean useCache,
            PrintStream out) {
        this.engine = engine;
        this.store = store;
        this.scratch = scratch;
        this.context = context;
        this.cache = cache;
        this.useCache = useCache;
        this.out = out;
    }

    /** Runs every step; returns the last image's ID. */
    String run(List<Instruction> steps) throws IOException {
        for (int i = 0; i < steps.size(); i++) {
            Instruction step = steps.get(i);
            out.println("Step " + (i + 1) + "/" + steps.size() + " : " + step);
            try {
                step(step);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Dockerfile line " + step.line() + ": " + e.getMessage(), e);
            }
            out.println(" ---> " + (currentId.equals("scratch") ? "" : currentId.substring(7, 19)));
        }
        return currentId;
    }

    private void step(Instruction step) throws IOException {
        switch (step.keyword()) {
            case "FROM" -> from(step);
            case "RUN" -> cached(runCreatedBy(step), () -> runStep(step));
            case "COPY", "ADD" -> copy(step);
            case "ARG" -> {
                String arg = Words.one(step.arguments(), step.escape(), args::get);
                int eq = arg.indexOf('=');
                args.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? null : arg.substring(eq + 1));
                metadata(step);
            }
            default -> {
                metadata(step);
                cmdSetHere |= step.keyword().equals("CMD");
            }
        }
    }

    private void from(Instruction step) throws IOException {
        List<String> words = Words.split(step.arguments(), step.escape(), args::get);
        if (words.size() != 1 && !(words.size() == 3 && words.get(1).equalsIgnoreCase("AS"))) {
            throw new IllegalArgumentException("FROM takes IMAGE [AS NAME]: " + step.arguments());
        }
        if (words.get(0).equals("scratch")) {
            current = FullImageConfig.empty();
            currentId = "scratch";
            return;
        }
        Image base = store.resolve(words.get(0));
        current = FullImageConfig.of(base.config());
        currentId = base.id();
    }

    /** A step that changes only settings: Docker's {@code #(nop)} history entry, no layer. */
    private void metadata(Instruction step) throws IOException {
        String createdBy = "/bin/sh -c #(nop)  " + step;
        cached(createdBy, () -> {
            ImageSettings settings = step.keyword().equals("ARG")
                    ? current.settings()
                    : ConfigChange.apply(step, current.settings(), args::get);
            if (step.keyword().equals("ENTRYPOINT") && !cmdSetHere) {
                settings = settings.withCmd(List.of());
            }
            return current.next(settings, entry(createdBy, true), null);
        });
    }

    /** How the history shows a RUN, as Docker's classic builder: {@code /bin/sh -c echo hi}. */
    private static String runCreatedBy(Instruction step) {
        return String.join(" ", step.command());
    }

    private FullImageConfig runStep(Instruction step) throws IOException {
        if (currentId.equals("scratch")) {
            throw new IllegalArgumentException("RUN needs an image with a shell: this build is FROM scratch");
        }
        String name = "build-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        List<String> run = new ArrayList<>(List.of("run", "--name", name));
        // The image's user and working directory, and not its ENTRYPOINT: a RUN runs its own command (Docker's).
        if (!current.settings().user().isEmpty()) {
            run.addAll(List.of("--user", current.settings().user()));
        }
        if (!current.settings().workingDir().isEmpty()) {
            run.addAll(List.of("--workdir", current.settings().workingDir()));
        }
        run.addAll(List.of("--entrypoint", "", currentId));
        run.addAll(step.command());
        out.println(" ---> Running in " + name);
        out.flush();
        int exit = engine.run(run.toArray(String[]::new));
        String diffId;
        Containers.Found container;
        try {
            container = Containers.find(name);
        } catch (IllegalArgumentException neverMade) {
            throw new StepFailed(
                    "The command '" + runCreatedBy(step) + "' could not be run (mydocker exited " + exit + ")", exit);
        }
        try {
            if (exit != 0) {
                throw new StepFailed(
                        "The command '" + runCreatedBy(step) + "' returned a non-zero code: " + exit, exit);
            }
            diffId = CommitCommand.upperLayer(Containers.dir(container.id()), store, scratch);
        } finally {
            out.println("Removing intermediate container " + container.id().substring(0, 12));
            try {
                ContainerRemoval.remove(container, true, engine);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing container " + name, e);
            }
        }
        return current.next(current.settings(), entry(runCreatedBy(step), false), diffId);
    }

    /** COPY and ADD of the context's files (ADD: local files only, archives copied as they are). */
    private void copy(Instruction step) throws IOException {
        List<String> words = step.jsonForm() != null
                ? step.jsonForm()
                : Words.split(step.arguments(), step.escape(), this::variable);
        int uid = 0;
        int gid = 0;
        List<String> paths = new ArrayList<>();
        for (String word : words) {
            if (paths.isEmpty() && word.startsWith("--chown=")) {
                String[] owner = word.substring("--chown=".length()).split(":", 2);
                uid = id(owner[0], word);
                gid = owner.length == 2 ? id(owner[1], word) : uid;
            } else if (paths.isEmpty() && word.startsWith("--")) {
                throw new IllegalArgumentException(step.keyword() + " " + word.replaceFirst("=.*", "")
                        + " is not supported here (only --chown=UID[:GID])");
            } else {
                paths.add(word);
            }
        }
        if (paths.size() < 2) {
            throw new IllegalArgumentException(step.keyword() + " requires at least two arguments: SOURCE... DEST");
        }
        List<Path> sources = new ArrayList<>();
        for (String source : paths.subList(0, paths.size() - 1)) {
            if (source.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                throw new IllegalArgumentException(step.keyword() + " " + source
                        + ": URLs are not supported (a build reaches no network here): put the file in the context");
            }
            sources.addAll(context.sources(source, step.keyword()));
        }
        String destination = destination(paths.get(paths.size() - 1));
        int owner = uid;
        int group = gid;
        String createdBy =
                "/bin/sh -c #(nop) " + step.keyword() + (uid != 0 || gid != 0 ? " --chown=" + uid + ":" + gid : "")
                        + " " + (sources.size() == 1 && !Files.isDirectory(sources.get(0)) ? "file:" : "multi:")
                        + BuildContext.digest(sources) + " in " + destination + " ";
        cached(createdBy, () -> {
            Path layer = scratch.newDirectory("copy");
            CopiedFiles.copy(sources, destination, owner, group, layer, step.keyword());
            Path tar = scratch.newFile("copy.tar");
            try (OutputStream stream = Files.newOutputStream(tar)) {
                LayerTar.write(layer, stream);
            }
            String diffId = store.unpackLayer(tar, scratch).diffId();
            return current.next(current.settings(), entry(createdBy, false), diffId);
        });
    }

    /** COPY's destination, relative to WORKDIR when not absolute (its trailing / kept: it means "into"). */
    private String destination(String given) {
        if (given.startsWith("/")) {
            return given;
        }
        String dir = current.settings().workingDir().isEmpty()
                ? "/"
                : current.settings().workingDir();
        return (dir.endsWith("/") ? dir : dir + "/") + given;
    }

    private String variable(String name) {
        String env = current.settings().envValue(name);
        return env != null ? env : args.get(name);
    }

    private static int id(String text, String flag) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(flag + ": give numbers, UID[:GID] (names need the image's /etc/passwd)");
        }
        return Integer.parseInt(text);
    }

    private static HistoryEntry entry(String createdBy, boolean emptyLayer) {
        return new HistoryEntry(Instant.now(), createdBy, "", emptyLayer);
    }

    private interface StepWork {
        FullImageConfig make() throws IOException;
    }

    /**
     * The step's image from the cache when the key is there (Docker's "Using
     * cache"); otherwise made, kept in the store without a name, and cached.
     */
    private void cached(String createdBy, StepWork work) throws IOException {
        String key = BuildCache.key(currentId, createdBy);
        Image hit = useCache ? cache.find(key) : null;
        if (hit != null) {
            out.println(" ---> Using cache");
            current = FullImageConfig.of(hit.config());
            currentId = hit.id();
            return;
        }
        FullImageConfig made = work.make();
        ImageConfig config = made.config();
        store.register(List.of(config), Map.of());
        cache.put(key, config.id());
        current = made;
        currentId = config.id();
    }

    /** A RUN that failed: the build stops with its exit code, as docker build reports it. */
    static final class StepFailed extends RuntimeException implements ExitStatus {
        private final int exitStatus;

        StepFailed(String message, int exitStatus) {
            super(message);
            this.exitStatus = exitStatus;
        }

        @Override
        public int exitStatus() {
            return exitStatus;
        }
    }
}
