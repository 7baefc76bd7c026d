package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch05.EnterNamespaces;
import mydocker.ch05.ExecInit;
import mydocker.ch05.ExecWorkdir;
import mydocker.ch07.oci.CgroupNamespace;
import mydocker.ch07.oci.NoNewPrivileges;
import mydocker.ch07.oci.ProcessUser;
import mydocker.ch07.oci.Rlimits;

/**
 * The process {@code exec} starts: chapter 5's {@link ExecInit} (into the
 * container's namespaces, to its working directory), then the process's
 * rlimits, its terminal ({@link Console}) when it has one, and its user
 * (last: what comes before needs root), as runc sets them for an exec'd
 * process too. A main class of this
 * package, where the build records the chapter's classpath for re-execution.
 */
public final class ExecProcessInit {
    private ExecProcessInit() {}

    public static void main(String[] args) {
        new ContainerInit(ExecProcessInit::steps).run(args);
    }

    /** Into the container, its working directory and rlimits, its terminal if it has one, then its user. */
    private static List<InitStep> steps(InitMessage message) {
        int target = message.get(EnterNamespaces.TARGET);
        List<InitStep> steps = new ArrayList<>(List.of(
                // The container's cgroup namespace (its own, or the host's), while /proc is the host's.
                () -> CgroupNamespace.enter("/proc/" + target + "/ns/cgroup"),
                new EnterNamespaces(target),
                new ExecWorkdir(message.get(ExecWorkdir.PART)),
                message.get(Rlimits.PART)));
        steps.addAll(Console.ifAsked(message));
        steps.add(message.get(ProcessUser.PART));
        steps.add(message.get(NoNewPrivileges.PART));
        return steps;
    }
}
