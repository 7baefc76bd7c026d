package mydocker.ch07.registry;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mydocker login [SERVER] -u USER --password-stdin}: checks the
 * credentials against the registry ({@code GET /v2/}, answering its Basic or
 * Bearer challenge with them) and, only if it accepts them, keeps them where
 * Docker's CLI does ({@link DockerConfigFile}), so that {@code docker} and
 * {@code skopeo} find the same login and so do we.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Log in to a registry.")
public class LoginCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER")
    String username;

    @Option(
            names = {"-p", "--password"},
            paramLabel = "PASSWORD")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        Remote registry = Remote.server(server);
        Credentials credentials = new Credentials(username(), password());
        RegistryClient.of(registry, Optional.of(credentials), "pull").ping();
        DockerConfigFile file = DockerConfigFile.locate();
        file.store(registry.credentialsKey(), credentials);
        System.err.println("WARNING! Your password will be stored unencrypted in " + file.path() + ".");
        System.out.println("Login Succeeded");
        return 0;
    }

    private String username() {
        if (username != null && !username.isEmpty()) {
            return username;
        }
        Console console = System.console();
        if (console == null || passwordStdin) {
            throw new IllegalArgumentException("Must provide --username with --password-stdin"
                    + " (or log in on a terminal, which asks for both)");
        }
        return console.readLine("Username: ");
    }

    private String password() throws IOException {
        if (passwordStdin) {
            if (password != null) {
                throw new IllegalArgumentException("--password and --password-stdin are mutually exclusive");
            }
            String read = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return read.replaceFirst("\r?\n$", "");
        }
        if (password != null) {
            System.err.println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException(
                    "Cannot perform an interactive login from a non TTY device: give --password-stdin");
        }
        return new String(console.readPassword("Password: "));
    }
}
