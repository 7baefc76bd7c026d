package mydocker.ch03;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** Chapter 3's {@code run [OPTIONS] COMMAND [ARG...]}: no image yet, the command is all there is. */
final class CommandArguments implements RunArguments {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public List<String> command() {
        return command;
    }
}
