package mydocker.ch02;

import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.syscall.Child;
import mydocker.syscall.Syscall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Book 2.2, Cgroups: CPU weight and CPU set, read back from the host. */
@Command(
        name = "cgroup-cpu",
        description = "2.2 Cgroups: --shares and --cpuset-cpus, seen in the cgroup files and /proc.")
final class CgroupCpuDemo extends Demo {
    @Mixin
    ShellCommand shell;

    @Option(names = "--shares", description = "Relative CPU weight (v1 cpu.shares; v2 cpu.weight after conversion).")
    Integer shares;

    @Option(names = "--cpuset-cpus", description = "CPUs the shell may run on, e.g. 0 or 0-1.")
    String cpus;

    @Override
    public Integer call() {
        if (shares == null && cpus == null) {
            throw new IllegalArgumentException(
                    "give --shares N and/or --cpuset-cpus LIST, e.g. cgroup-cpu --shares 512 --cpuset-cpus 0"
                            + " (see 'mydocker cgroup-cpu --help')");
        }
        ResourceConfig resources = ResourceConfig.none();
        if (shares != null) {
            resources = resources.withCpuShares(shares);
        }
        if (cpus != null) {
            resources = resources.withCpusetCpus(cpus);
        }
        try (CgroupManager cgroup = CgroupManager.create("cgroup-cpu-" + Syscall.getpid());
                StartGate gate = new StartGate()) {
            cgroup.set(resources);
            Child child = gate.start(shell.argv());
            cgroup.apply(child.pid());
            say(
                    "Cgroups (book 2.2): the shell (host pid %d) is in a %s group; the host reads:",
                    child.pid(), cgroup.version());
            cgroup.limits().forEach((file, value) -> say("  %s = %s", file, value));
            say("  /proc/%d/status %s", child.pid(), HostView.cpusAllowed(child.pid()));
            say("Try: grep Cpus_allowed_list /proc/self/status; cat /proc/self/cgroup");
            gate.open();
            return waitInForeground(child);
        }
    }
}
