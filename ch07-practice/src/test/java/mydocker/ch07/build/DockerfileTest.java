package mydocker.ch07.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileTest {
    @Test
    void commentsBlankLinesAndContinuationsAreReadAsDockersParser() {
        List<Instruction> steps = Dockerfile.parse(String.join(
                "\n",
                "# a comment",
                "from busybox",
                "",
                "RUN echo one \\",
                "# a comment inside goes",
                "",
                "    && echo two",
                "CMD [\"sh\"]"));
        assertEquals(3, steps.size());
        assertEquals("FROM", steps.get(0).keyword());
        assertEquals(2, steps.get(0).line());
        assertEquals("echo one && echo two", steps.get(1).arguments());
        assertEquals(4, steps.get(1).line());
        assertEquals(List.of("sh"), steps.get(2).command());
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        List<Instruction> steps = Dockerfile.parse("# escape=`\nFROM busybox\nCOPY a `\n  c:\\dir\\\n");
        assertEquals("a c:\\dir\\", steps.get(1).arguments());
        assertEquals('`', steps.get(1).escape());
    }

    @Test
    void whatDoesNotParseIsRefusedWithItsLine() {
        assertEquals(
                "Dockerfile line 2: unknown instruction: BOGUS",
                assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("FROM busybox\nBOGUS x"))
                        .getMessage());
        assertEquals(
                "Dockerfile line 2: RUN requires at least one argument",
                assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("FROM busybox\nRUN"))
                        .getMessage());
        assertEquals(
                "Dockerfile line 1: the first instruction must be FROM, not RUN",
                assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("RUN true"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("# only a comment\n"));
        assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("FROM a\nFROM b"));
        assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("# escape=x\nFROM a"));
    }

    @Test
    void textThatLooksLikeJsonButIsNotIsTheShellForm() {
        assertEquals(
                List.of("/bin/sh", "-c", "[\"unterminated"),
                Instruction.parse("CMD [\"unterminated", 1, '\\').command());
        assertEquals(
                List.of("/bin/sh", "-c", "[1, 2]"),
                Instruction.parse("CMD [1, 2]", 1, '\\').command());
        assertEquals(
                List.of("a", "b c"),
                Instruction.parse("CMD [\"a\", \"b c\"]", 1, '\\').command());
    }
}
