package mydocker.ch05;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.CorruptFileException;
import mydocker.ch04.Human;
import mydocker.ch04.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mydocker ps} (book 5.2): Docker's table, the status read from the kernel. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List containers (running ones unless -a).")
public class PsCommand implements Callable<Integer> {
    private static final String DEAD = "Dead";

    @Option(
            names = {"-a", "--all"},
            description = "Show all containers, not only running ones.")
    boolean all;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only the IDs.")
    boolean quiet;

    private final Engine engine;

    public PsCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException {
        List<PsColumn> extra = engine.psColumns();
        List<String> headers = new ArrayList<>(List.of("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS"));
        extra.forEach(c -> headers.add(c.header()));
        headers.add("NAMES");
        Table table = new Table(headers.toArray(String[]::new));
        Instant now = Instant.now();
        sweep();
        List<Containers.Found> containers = Containers.list();
        for (int i = containers.size() - 1; i >= 0; i--) { // newest first, as Docker
            Containers.Found found = containers.get(i);
            ContainerState state = stateOf(found);
            if (!all && (state == null || !state.running())) {
                continue;
            }
            if (quiet) {
                System.out.println(found.id().substring(0, 12));
            } else {
                table.row(row(found, state, now, extra));
            }
        }
        if (!quiet) {
            System.out.print(table);
        }
        return 0;
    }

    /**
     * What killed commands left (a half-made or half-removed directory, an
     * unheld lock, a killed run's cgroups) goes here too: `ps -a` is what a
     * user types after a kill, and shows the truth only once it is gone.
     * Someone without the right to write (not root) just lists.
     */
    private static void sweep() {
        try {
            Containers.removeLeftovers();
        } catch (IOException e) {
            // not ours to sweep: list what is there
        }
    }

    /**
     * The container's state, or null (shown as Dead) if one of its files is
     * broken: that is said on one line on stderr, and the others are listed as usual.
     */
    private static ContainerState stateOf(Containers.Found found) throws IOException {
        CorruptFileException broken = found.unreadable();
        if (broken == null) {
            try {
                return ContainerState.of(Containers.dir(found.id()));
            } catch (CorruptFileException e) {
                broken = e;
            }
        }
        System.err.println("mydocker: warning: " + Containers.problem(found.id(), broken));
        return null;
    }

    /**
     * One row of the table, with a later chapter's {@code extra} columns before
     * NAMES; a container whose files cannot be read ({@code state} null) is Dead.
     */
    static String[] row(Containers.Found found, ContainerState state, Instant now, List<PsColumn> extra) {
        List<String> row = new ArrayList<>();
        row.add(found.id().substring(0, 12));
        ContainerConfig c = found.config();
        if (c == null) {
            row.addAll(List.of("", "", "", DEAD));
            extra.forEach(column -> row.add(""));
            row.add("");
            return row.toArray(String[]::new);
        }
        row.add(c.imageName());
        row.add(command(c.command()));
        row.add(Human.ago(c.created(), now));
        row.add(state == null ? DEAD : status(state, now));
        extra.forEach(column -> row.add(column.value().apply(c, state)));
        row.add(found.name() == null ? "" : found.name());
        return row.toArray(String[]::new);
    }

    /** {@code "sh -c 'while…"}: quoted, cut at 20 characters as Docker does. */
    static String command(List<String> argv) {
        String joined = String.join(" ", argv);
        return "\"" + (joined.length() > 20 ? joined.substring(0, 19) + "…" : joined) + "\"";
    }

    public static String status(ContainerState state, Instant now) {
        return switch (state.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + Human.duration(state.startedAt(), now);
            case EXITED -> "Exited (" + state.exitCode() + ") " + Human.ago(state.finishedAt(), now);
            case DEAD -> DEAD;
        };
    }
}
