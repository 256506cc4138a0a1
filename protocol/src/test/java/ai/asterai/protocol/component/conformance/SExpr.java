package ai.asterai.protocol.component.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An s-expression of a .wast script: an atom (keyword, id, number), a string (its bytes, escapes
 * decoded) or a list. Each keeps its span in the source so a form can be handed on as text.
 */
public sealed interface SExpr {
    int start();

    int end();

    int line();

    record Atom(String text, int start, int end, int line) implements SExpr {
        @Override
        public String toString() {
            return text;
        }
    }

    record Str(byte[] bytes, int start, int end, int line) implements SExpr {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return '"' + text() + '"';
        }
    }

    record ListExpr(List<SExpr> items, int start, int end, int line) implements SExpr {
        public ListExpr {
            items = List.copyOf(items);
        }

        /** The atom at {@code i}, or null. */
        public String atom(int i) {
            return i < items.size() && items.get(i) instanceof Atom a ? a.text() : null;
        }

        public String head() {
            return atom(0);
        }
    }

    /** A malformed script (unbalanced parens, bad escape): the harness's own error, with the line. */
    final class SyntaxError extends RuntimeException {
        public SyntaxError(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    /** Reads every top-level form of a script. Comments: {@code ;; ...} and nested {@code (; ... ;)}. */
    static List<SExpr> readAll(String src) {
        return new Reader(src).all();
    }

    /** A small recursive reader; scripts are trusted test inputs, but errors still say where. */
    final class Reader {
        private final String s;
        private int p;
        private int line = 1;

        Reader(String s) {
            this.s = s;
        }

        List<SExpr> all() {
            List<SExpr> out = new ArrayList<>();
            while (true) {
                skipSpace();
                if (p >= s.length()) {
                    return out;
                }
                out.add(expr());
            }
        }

        private void skipSpace() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c == '\n') {
                    line++;
                    p++;
                } else if (Character.isWhitespace(c)) {
                    p++;
                } else if (s.startsWith(";;", p)) {
                    while (p < s.length() && s.charAt(p) != '\n') {
                        p++;
                    }
                } else if (s.startsWith("(;", p)) {
                    int depth = 0;
                    do {
                        if (p >= s.length()) {
                            throw new SyntaxError(line, "unterminated block comment");
                        }
                        if (s.startsWith("(;", p)) {
                            depth++;
                            p += 2;
                        } else if (s.startsWith(";)", p)) {
                            depth--;
                            p += 2;
                        } else {
                            if (s.charAt(p) == '\n') {
                                line++;
                            }
                            p++;
                        }
                    } while (depth > 0);
                } else {
                    return;
                }
            }
        }

        private SExpr expr() {
            int start = p;
            int startLine = line;
            char c = s.charAt(p);
            if (c == '(') {
                p++;
                List<SExpr> items = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (p >= s.length()) {
                        throw new SyntaxError(startLine, "unclosed (");
                    }
                    if (s.charAt(p) == ')') {
                        p++;
                        return new ListExpr(items, start, p, startLine);
                    }
                    items.add(expr());
                }
            }
            if (c == ')') {
                throw new SyntaxError(line, "unexpected )");
            }
            if (c == '"') {
                return string(start, startLine);
            }
            while (p < s.length()) {
                char d = s.charAt(p);
                if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '"' || d == ';') {
                    break;
                }
                p++;
            }
            return new Atom(s.substring(start, p), start, p, startLine);
        }

        private Str string(int start, int startLine) {
            p++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (p >= s.length()) {
                    throw new SyntaxError(startLine, "unterminated string");
                }
                char c = s.charAt(p++);
                if (c == '"') {
                    return new Str(out.toByteArray(), start, p, startLine);
                }
                if (c == '\n') {
                    line++;
                }
                if (c != '\\') {
                    int cp = c;
                    if (Character.isHighSurrogate(c) && p < s.length()) {
                        cp = Character.toCodePoint(c, s.charAt(p++));
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                char e = s.charAt(p++);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case '\\' -> out.write('\\');
                    case '\'' -> out.write('\'');
                    case '"' -> out.write('"');
                    case 'u' -> {
                        int close = s.indexOf('}', p);
                        if (s.charAt(p) != '{' || close < 0) {
                            throw new SyntaxError(line, "bad \\u escape");
                        }
                        int cp = Integer.parseInt(s.substring(p + 1, close).replace("_", ""), 16);
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                        p = close + 1;
                    }
                    default -> {
                        int hi = Character.digit(e, 16);
                        int lo = p < s.length() ? Character.digit(s.charAt(p), 16) : -1;
                        if (hi < 0 || lo < 0) {
                            throw new SyntaxError(line, "bad escape \\" + e);
                        }
                        p++;
                        out.write(hi * 16 + lo);
                    }
                }
            }
        }
    }
}
