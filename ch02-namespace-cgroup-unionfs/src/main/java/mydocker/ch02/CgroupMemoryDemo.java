package mydocker.ch02;

import java.util.List;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.MemorySize;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.syscall.Child;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Book 2.2, Cgroups: the book's memory experiment. {@code stress} allocates
 * {@code --allocate} bytes in a group limited to {@code --limit}: above the
 * limit the kernel's OOM killer kills it, below it the run completes.
 */
@Command(name = "cgroup-memory", description = "2.2 Cgroups: a memory limit that binds (runs the book's stress).")
final class CgroupMemoryDemo extends Demo {
    @Option(
            names = "--limit",
            defaultValue = "100m",
            description = "Memory limit of the group (default: ${DEFAULT-VALUE}).")
    String limit;

    @Option(
            names = "--allocate",
            defaultValue = "200m",
            description = "What stress allocates (default: ${DEFAULT-VALUE}).")
    String allocate;

    @Option(
            names = "--seconds",
            defaultValue = "2",
            description = "How long stress holds the memory (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() {
        long limitBytes = MemorySize.parse(limit);
        long allocateBytes = MemorySize.parse(allocate);
        HostView.requireProgram("stress", "stress");
        try (CgroupManager cgroup = CgroupManager.create("cgroup-memory-" + Syscall.getpid());
                StartGate gate = new StartGate()) {
            cgroup.set(ResourceConfig.none().withMemory(limitBytes));
            say("Cgroups (book 2.2): a %s group limited to %s:", cgroup.version(), MemorySize.format(limitBytes));
            cgroup.limits().forEach((file, value) -> say("  %s = %s", file, value));
            say("stress allocates %s and holds it for %ds.", MemorySize.format(allocateBytes), seconds);
            Child stress = gate.start(List.of(
                    "stress",
                    "--vm",
                    "1",
                    "--vm-bytes",
                    Long.toString(allocateBytes),
                    "--vm-keep",
                    "--timeout",
                    seconds + "s"));
            cgroup.apply(stress.pid());
            gate.open();
            int exit = waitInForeground(stress);
            long kills = cgroup.oomKills();
            say(
                    "stress exited with %d; the OOM killer killed %d process(es) in the group: %s.",
                    exit, kills, kills > 0 ? "the limit bound" : "it stayed under the limit");
            return exit;
        }
    }
}
