package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.ContainerInit;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch05.EnterNamespaces;
import mydocker.ch05.ExecInit;
import mydocker.ch05.ExecWorkdir;
import mydocker.ch07.oci.Capabilities;
import mydocker.ch07.oci.CgroupNamespace;
import mydocker.ch07.oci.NoNewPrivileges;
import mydocker.ch07.oci.OciSetup;
import mydocker.ch07.oci.ProcessUser;
import mydocker.ch07.oci.Rlimits;
import mydocker.ch07.oci.Seccomp;

/**
 * The process {@code exec} starts: chapter 5's {@link ExecInit} (into the
 * container's namespaces, to its working directory), then the process's
 * rlimits, its terminal ({@link Console}) when it has one, its user (what
 * comes before needs root), no_new_privs and the container's seccomp filter
 * ({@link OciSetup#privilegeSteps}), as runc sets them for an exec'd process too. A main class of this
 * package, where the build records the chapter's classpath for re-execution.
 */
public final class ExecProcessInit {
    private ExecProcessInit() {}

    public static void main(String[] args) {
        new ContainerInit(ExecProcessInit::steps).run(args);
    }

    /**
     * Into the container, its working directory and rlimits, its terminal if it
     * has one, its bounding set, then its user and the last steps, as init's
     * ({@link OciSetup#lastSteps}).
     */
    private static List<InitStep> steps(InitMessage message) {
        int target = message.get(EnterNamespaces.TARGET);
        List<InitStep> steps = new ArrayList<>(List.of(
                // The container's cgroup namespace (its own, or the host's), while /proc is the host's.
                () -> CgroupNamespace.enter("/proc/" + target + "/ns/cgroup"),
                new EnterNamespaces(target),
                new ExecWorkdir(message.get(ExecWorkdir.PART)),
                message.get(Rlimits.PART)));
        steps.addAll(Console.ifAsked(message));
        steps.addAll(OciSetup.privilegeSteps(
                message.get(Capabilities.PART),
                message.get(ProcessUser.PART),
                message.get(NoNewPrivileges.PART),
                message.get(Seccomp.PART)));
        return steps;
    }
}
