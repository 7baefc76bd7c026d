package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mydocker.ch04.image.Json;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code list}: the containers under {@code --root}, as runc lists them — a
 * table (ID PID STATUS BUNDLE CREATED OWNER), their IDs only ({@code -q}), or
 * {@code --format json}, each the {@code state} JSON with its owner. A
 * directory there that holds no readable state is not a container and is
 * left out, as runc leaves it.
 */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the containers.")
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "table|json",
            defaultValue = "table",
            description = "default: ${DEFAULT-VALUE}")
    String format;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only the IDs.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("invalid --format " + format + ": use table or json");
        }
        List<Map<String, Object>> containers = containers();
        if (quiet) {
            containers.forEach(c -> System.out.println(c.get("id")));
        } else if (format.equals("json")) {
            System.out.println(Json.MAPPER.writeValueAsString(containers));
        } else {
            table(containers);
        }
        return 0;
    }

    private List<Map<String, Object>> containers() throws IOException {
        Path root = runc.stateRoot();
        List<Map<String, Object>> containers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                String id = dir.getFileName().toString();
                try {
                    Map<String, Object> json =
                            RuntimeState.read(dir, ContainerId.check(id)).json(dir);
                    json.put("owner", Files.getOwner(dir).getName());
                    containers.add(json);
                } catch (IOException | RuntimeException e) {
                    // not a container (yet): a create in progress, or something else's file
                }
            }
        }
        return containers;
    }

    /** runc's table: tab-separated columns padded to a common width (Go's tabwriter, min 12, padding 3). */
    private static void table(List<Map<String, Object>> containers) {
        List<String> columns = List.of("id", "pid", "status", "bundle", "created", "owner");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"));
        for (Map<String, Object> c : containers) {
            rows.add(columns.stream().map(k -> String.valueOf(c.get(k))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], Math.max(12, row.get(i).length() + 3));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i == row.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length()));
            }
            System.out.println(line);
        }
    }
}
