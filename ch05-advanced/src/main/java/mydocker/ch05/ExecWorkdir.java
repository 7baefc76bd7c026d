package mydocker.ch05;

import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code exec -w DIR} (Docker's): where the command starts, inside the
 * container, after {@link EnterNamespaces} made the container's root and
 * working directory this thread's. Not made if missing: Docker's exec fails then too.
 */
public final class ExecWorkdir implements InitStep {
    public static final InitMessage.Part<String> PART =
            new InitMessage.Part<>("workdir", (out, dir) -> out.writeUTF(dir), in -> in.readUTF());

    private final String dir;

    public ExecWorkdir(String dir) {
        this.dir = dir;
    }

    @Override
    public void run() {
        Syscall.chdir(dir);
    }

    /** One line for a -w that cannot be a directory in any container. */
    static String check(String dir) {
        if (!dir.startsWith("/") || dir.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "invalid -w '" + dir + "': the working directory must be an absolute path");
        }
        return dir;
    }
}
