package mydocker.ch07.registry;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mydocker logout [SERVER]}: forgets the login's credentials, as {@code docker logout} does. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Log out from a registry.")
public class LogoutCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() throws IOException {
        Remote registry = Remote.server(server);
        String shown = server == null ? registry.credentialsKey() : server;
        if (DockerConfigFile.locate().remove(registry.credentialsKey())) {
            System.out.println("Removing login credentials for " + shown);
        } else {
            System.out.println("Not logged in to " + shown);
        }
        return 0;
    }
}
