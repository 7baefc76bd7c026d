package mydocker.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A line of shell as the docs write it, cut into its simple commands the way
 * bash would: quotes ('…' literal, "…" with backslash escapes), a backslash
 * outside quotes, {@code ;}, {@code &&}, {@code ||}, {@code |} and {@code &}
 * between commands, {@code #} comments, and {@code $(…)}, whose inner command
 * counts as a command of its own. Enough for the docs' commands; not a shell.
 */
final class ShellSnippet {
    /**
     * One simple command: its text as written (what a reader pastes), its
     * words with the quotes removed, and whether a word expands a variable or
     * a substitution (so its value is not in the docs).
     */
    record Command(String text, List<String> words, boolean expands) {}

    private final String line;
    private final List<Command> commands = new ArrayList<>();
    private int pos;

    private ShellSnippet(String line) {
        this.line = line;
    }

    static List<Command> commands(String line) {
        ShellSnippet snippet = new ShellSnippet(line);
        snippet.parse(line.length());
        return snippet.commands;
    }

    /** Parses commands up to {@code end} (the line's end, or the {@code )} of a substitution). */
    private void parse(int end) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean expands = false;
        int start = pos;
        while (pos < end) {
            char c = line.charAt(pos);
            if (Character.isWhitespace(c)) {
                word = endWord(words, word);
                pos++;
            } else if (c == '#' && word == null) {
                end = pos;
            } else if (c == ';' || c == '|' || c == '&') {
                word = endWord(words, word);
                add(start, pos, words, expands);
                words = new ArrayList<>();
                expands = false;
                pos += pos + 1 < end && line.charAt(pos + 1) == c ? 2 : 1;
                start = pos;
            } else {
                word = word == null ? new StringBuilder() : word;
                expands |= readWordPart(word);
            }
        }
        endWord(words, word);
        add(start, end, words, expands);
    }

    /** Reads one quoted string, escaped character, substitution or plain character; true if it expands. */
    private boolean readWordPart(StringBuilder word) {
        char c = line.charAt(pos);
        if (c == '\'') {
            int close = line.indexOf('\'', pos + 1);
            word.append(line, pos + 1, close);
            pos = close + 1;
            return false;
        }
        if (c == '"') {
            boolean expands = false;
            pos++;
            while (line.charAt(pos) != '"') {
                char d = line.charAt(pos);
                if (d == '\\' && "$`\"\\".indexOf(line.charAt(pos + 1)) >= 0) {
                    word.append(line.charAt(pos + 1));
                    pos += 2;
                } else {
                    expands |= d == '$';
                    word.append(d);
                    pos++;
                }
            }
            pos++;
            return expands;
        }
        if (c == '\\') {
            word.append(line.charAt(pos + 1));
            pos += 2;
            return false;
        }
        if (c == '$' && pos + 1 < line.length() && line.charAt(pos + 1) == '(') {
            int close = closingParenthesis(pos + 1);
            pos += 2;
            parse(close);
            word.append("$(…)");
            pos = close + 1;
            return true;
        }
        word.append(c);
        pos++;
        return c == '$';
    }

    /** The {@code )} that closes the {@code (} at {@code open}, skipping quoted text. */
    private int closingParenthesis(int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                i = line.indexOf('\'', i + 1);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no ) closes the $( in: " + line);
    }

    private static StringBuilder endWord(List<String> words, StringBuilder word) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }

    private void add(int start, int end, List<String> words, boolean expands) {
        if (!words.isEmpty()) {
            commands.add(new Command(line.substring(start, end).strip(), List.copyOf(words), expands));
        }
    }
}
