package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine makes every command with itself, and a later chapter's engine says what it replaces. */
class EngineTest {
    /** A command of this chapter that takes the engine, as chapter 5's `start` does. */
    public static final class TakesEngine {
        final Engine engine;

        public TakesEngine(Engine engine) {
            this.engine = engine;
        }
    }

    /** A later chapter's engine, as chapter 6's is to chapter 5's. */
    static final class LaterEngine extends Engine {
        LaterEngine() {
            super(Main.class);
        }

        @Override
        public List<Class<?>> commands() {
            return replace(super.commands(), RunCommand.class, TakesEngine.class, String.class);
        }
    }

    /** An earlier chapter's command, made by a later chapter's engine, is given that later engine. */
    @Test
    void aCommandIsGivenTheEngineThatMadeIt() throws Exception {
        LaterEngine later = new LaterEngine();
        assertSame(later, later.create(TakesEngine.class).engine);
        assertEquals("", later.create(String.class), "a class that takes no engine is made as picocli makes it");
    }

    @Test
    void aLaterChapterReplacesACommandInItsPlace() {
        assertEquals(
                List.of(RunCommand.class, DoctorCommand.class), Main.engine().commands());
        assertEquals(List.of(TakesEngine.class, String.class, DoctorCommand.class), new LaterEngine().commands());
        assertThrows(
                IllegalArgumentException.class,
                () -> Engine.replace(List.of(DoctorCommand.class), RunCommand.class, String.class));
    }
}
