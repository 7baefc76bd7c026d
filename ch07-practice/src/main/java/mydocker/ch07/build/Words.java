package mydocker.ch07.build;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The words of a Dockerfile instruction's arguments, as Docker's builder
 * reads them (its "shell lexer", not a shell): blanks separate words; single
 * quotes keep everything; double quotes keep blanks, and the escape character
 * ({@code \} or {@code `}) escapes the next character; {@code $NAME},
 * {@code ${NAME}}, {@code ${NAME:-word}} and {@code ${NAME:+word}} are
 * replaced by the value of NAME ({@code vars}) outside single quotes.
 */
final class Words {
    private final String text;
    private final char escape;
    private final UnaryOperator<String> vars;
    private int at;

    private Words(String text, char escape, UnaryOperator<String> vars) {
        this.text = text;
        this.escape = escape;
        this.vars = vars;
    }

    /** {@code vars} gives a variable's value, or null when it is not set (then it reads as ""). */
    static List<String> split(String text, char escape, UnaryOperator<String> vars) {
        return new Words(text, escape, vars).words();
    }

    /** The text as one word: quotes removed, variables replaced, blanks kept. */
    static String one(String text, char escape, UnaryOperator<String> vars) {
        Words w = new Words(text.strip(), escape, vars);
        StringBuilder out = new StringBuilder();
        while (w.at < w.text.length()) {
            w.next(out, true);
        }
        return out.toString();
    }

    private List<String> words() {
        List<String> words = new ArrayList<>();
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at == text.length()) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                next(word, false);
            }
            words.add(word.toString());
        }
    }

    /** One unit of the text onto {@code out}: a character, an escape, a quoted part or a variable. */
    private void next(StringBuilder out, boolean keepBlanks) {
        char c = text.charAt(at++);
        if (c == escape && at < text.length()) {
            out.append(text.charAt(at++));
        } else if (c == '\'') {
            int end = text.indexOf('\'', at);
            if (end < 0) {
                throw new IllegalArgumentException(
                        "unexpected end of statement while looking for matching single-quote");
            }
            out.append(text, at, end);
            at = end + 1;
        } else if (c == '"') {
            while (true) {
                if (at == text.length()) {
                    throw new IllegalArgumentException(
                            "unexpected end of statement while looking for matching double-quote");
                }
                char d = text.charAt(at++);
                if (d == '"') {
                    return;
                }
                if (d == escape && at < text.length() && "\"$".indexOf(text.charAt(at)) >= 0
                        || d == escape && at < text.length() && text.charAt(at) == escape) {
                    out.append(text.charAt(at++));
                } else if (d == '$') {
                    variable(out);
                } else {
                    out.append(d);
                }
            }
        } else if (c == '$') {
            variable(out);
        } else {
            out.append(c);
        }
    }

    /** After a {@code $}: a name, or {@code {NAME[:-word|:+word]}}; a lone $ stays. */
    private void variable(StringBuilder out) {
        if (at < text.length() && text.charAt(at) == '{') {
            int end = text.indexOf('}', at);
            if (end < 0) {
                throw new IllegalArgumentException("missing '}' in ${...}: " + text);
            }
            String inside = text.substring(at + 1, end);
            at = end + 1;
            int op = inside.indexOf(':');
            String name = op < 0 ? inside : inside.substring(0, op);
            checkName(name);
            String value = vars.apply(name);
            if (op < 0) {
                out.append(value == null ? "" : value);
                return;
            }
            String word = inside.length() > op + 2 ? inside.substring(op + 2) : "";
            switch (inside.length() > op + 1 ? inside.charAt(op + 1) : ' ') {
                case '-' -> out.append(value == null || value.isEmpty() ? word : value);
                case '+' -> out.append(value == null || value.isEmpty() ? "" : word);
                default ->
                    throw new IllegalArgumentException("unsupported modifier in ${" + inside + "}: use :- or :+");
            }
            return;
        }
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            out.append('$');
            return;
        }
        String value = vars.apply(text.substring(start, at));
        out.append(value == null ? "" : value);
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad variable name in ${...}: '" + name + "'");
        }
    }
}
