package mydocker.ch07.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mydocker.ch04.image.Json;
import mydocker.ch07.Runc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ps}: the processes in a container's cgroup (host pids), as
 * containerd's {@code ctr task ps} asks runc for them ({@code --format json});
 * as a table, the host's {@code ps} output (PS_ARGS, {@code -ef} by default)
 * cut to those processes, as runc does.
 */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List the processes in a container.")
public final class PsCommand implements Callable<Integer> {
    @ParentCommand
    Runc runc;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "table|json",
            defaultValue = "table",
            description = "default: ${DEFAULT-VALUE}")
    String format;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1..*", paramLabel = "PS_ARGS", description = "Arguments for ps(1) (default: -ef).")
    List<String> psArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("invalid --format " + format + ": use table or json");
        }
        Path dir = runc.stateDir(ContainerId.check(id));
        List<Integer> pids = RuntimeState.read(dir, id).cgroup().pids();
        if (format.equals("json")) {
            System.out.println(Json.MAPPER.writeValueAsString(pids));
            return 0;
        }
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        Process ps = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        if (ps.waitFor() != 0 || lines.isEmpty()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + String.join(" ", lines));
        }
        int column = List.of(lines.get(0).trim().split("\\s+")).indexOf("PID");
        if (column < 0) {
            throw new IllegalStateException("no PID column in the output of " + String.join(" ", command));
        }
        System.out.println(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > column
                    && fields[column].matches("\\d+")
                    && pids.contains(Integer.parseInt(fields[column]))) {
                System.out.println(line);
            }
        }
        return 0;
    }
}
