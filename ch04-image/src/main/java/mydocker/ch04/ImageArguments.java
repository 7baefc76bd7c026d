package mydocker.ch04;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.RunArguments;
import picocli.CommandLine.Parameters;

/**
 * Docker's {@code run [OPTIONS] IMAGE [COMMAND [ARG...]]}: the image, then
 * the command that replaces the image's Cmd. IMAGE may be missing as far as
 * picocli is concerned, so that {@link RunCommand} refuses it with Docker's
 * message rather than picocli's.
 */
final class ImageArguments implements RunArguments {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "IMAGE",
            hideParamSyntax = true,
            description = "NAME[:TAG], or an image ID or a unique prefix of one (see mydocker images).")
    String image;

    @Parameters(
            index = "1..*",
            arity = "0..*",
            paramLabel = "[COMMAND [ARG...]]",
            hideParamSyntax = true,
            description = "The command and its arguments (default: the image's Cmd).")
    List<String> command = new ArrayList<>();

    @Override
    public List<String> command() {
        return command;
    }
}
