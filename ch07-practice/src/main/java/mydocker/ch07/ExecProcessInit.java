package mydocker.ch07;

import java.util.List;
import mydocker.ch03.ContainerInit;
import mydocker.ch05.EnterNamespaces;
import mydocker.ch05.ExecInit;
import mydocker.ch05.ExecWorkdir;
import mydocker.ch07.oci.ProcessUser;
import mydocker.ch07.oci.Rlimits;

/**
 * The process {@code exec} starts: chapter 5's {@link ExecInit} (into the
 * container's namespaces, to its working directory), then the process's
 * rlimits and its user (last: what comes before needs root), as runc sets
 * them for an exec'd process too. A main class of this
 * package, where the build records the chapter's classpath for re-execution.
 */
public final class ExecProcessInit {
    private ExecProcessInit() {}

    public static void main(String[] args) {
        new ContainerInit(message -> List.of(
                        new EnterNamespaces(message.get(EnterNamespaces.TARGET)),
                        new ExecWorkdir(message.get(ExecWorkdir.PART)),
                        message.get(Rlimits.PART),
                        message.get(ProcessUser.PART)))
                .run(args);
    }
}
