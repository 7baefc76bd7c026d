package mydocker.ch05;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker logs} (book 5.3): what a detached container wrote to its
 * stdout and stderr, kept in {@code containers/<id>/container.log}.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show a detached container's output.")
public class LogsCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new output until the container exits.")
    boolean follow;

    @Option(
            names = {"-n", "--tail"},
            paramLabel = "N",
            description = "Only the last N lines (default: all).")
    Integer tail;

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("invalid --tail " + tail + ": give 0 or more lines");
        }
        String id = Containers.find(container).id(); // its log needs no config.json
        Path dir = Containers.dir(id);
        Path log = dir.resolve(DetachedStart.LOG);
        if (!Files.exists(log)) {
            return 0; // it ran attached: its output went to the terminal
        }
        long position = printTail(log);
        while (follow && Containers.state(id).running()) {
            Thread.sleep(100);
            position = printFrom(log, position);
        }
        printFrom(log, position);
        return 0;
    }

    private long printTail(Path log) throws IOException {
        if (tail == null) {
            return printFrom(log, 0);
        }
        List<String> lines = Files.readAllLines(log);
        lines.subList(Math.max(0, lines.size() - tail), lines.size()).forEach(System.out::println);
        System.out.flush();
        return Files.size(log);
    }

    private static long printFrom(Path log, long position) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(position);
            byte[] buf = new byte[8192];
            for (int n; (n = file.read(buf)) > 0; ) {
                System.out.write(buf, 0, n);
                position += n;
            }
        }
        System.out.flush();
        return position;
    }
}
