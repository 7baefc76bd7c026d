package mydocker.docs;

import java.util.List;
import mydocker.ch02.Cli;
import picocli.CommandLine.ParseResult;

/** A chapter's picocli program, built as its {@code Main} builds it, to parse a command line without running it. */
record ChapterModel(Object main, List<Class<?>> commands) {
    @SuppressWarnings("unchecked") // Main.COMMANDS is a List<Class<?>> in every chapter
    static ChapterModel of(String chapter) throws ReflectiveOperationException {
        Class<?> main = Class.forName("mydocker." + chapter + ".Main");
        return new ChapterModel(main.getConstructor().newInstance(), (List<Class<?>>)
                main.getField("COMMANDS").get(null));
    }

    /** What the chapter's picocli makes of {@code args}; throws its ParameterException on what it refuses. */
    ParseResult parse(String... args) {
        return Cli.commandLine(main, commands, args).parseArgs(args);
    }
}
