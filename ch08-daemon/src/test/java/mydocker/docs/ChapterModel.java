package mydocker.docs;

import java.util.List;
import mydocker.ch02.Cli;
import mydocker.ch03.Engine;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * A chapter's picocli program, built as its {@code Main} builds it (chapter 2
 * from its list of demos, later chapters by their engine), to parse a command
 * line without running it.
 */
record ChapterModel(Class<?> main) {
    static ChapterModel of(String chapter) throws ReflectiveOperationException {
        return new ChapterModel(Class.forName("mydocker." + chapter + ".Main"));
    }

    /** What the chapter's picocli makes of {@code args}; throws its ParameterException on what it refuses. */
    @SuppressWarnings("unchecked") // chapter 2's Main.COMMANDS is a List<Class<?>>
    ParseResult parse(String... args) throws ReflectiveOperationException {
        CommandLine cli;
        if (main.getName().equals("mydocker.ch02.Main")) {
            cli = Cli.commandLine(
                    main.getConstructor().newInstance(),
                    (List<Class<?>>) main.getField("COMMANDS").get(null),
                    CommandLine.defaultFactory(),
                    args);
        } else {
            cli = ((Engine) main.getMethod("engine").invoke(null)).commandLine(args);
        }
        return cli.parseArgs(args);
    }
}
