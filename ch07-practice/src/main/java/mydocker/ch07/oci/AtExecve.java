package mydocker.ch07.oci;

import mydocker.ch03.InitStep;

/**
 * A step moved among init's last calls on execve's thread, to keep runc's
 * order after a step that must be there: without no_new_privs the seccomp
 * filter is loaded before the user switch (loading needs CAP_SYS_ADMIN, which
 * a switch to another uid takes away), so the switch follows it there.
 */
record AtExecve(InitStep step) implements InitStep.AtExec {
    @Override
    public void run() {
        step.run();
    }
}
