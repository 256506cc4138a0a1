package ai.asterai.runtime.component.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A small reader of the .wast text format's s-expressions: lists, atoms and strings, with source ranges. */
sealed interface Sx {
    int start();

    int end();

    record Atom(String text, int start, int end) implements Sx {
    }

    /** A string literal, as the bytes its escapes give. */
    record Str(byte[] bytes, int start, int end) implements Sx {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record ListX(List<Sx> items, int start, int end) implements Sx {
        String head() {
            return !items.isEmpty() && items.get(0) instanceof Atom a ? a.text() : "";
        }
    }

    static List<Sx> readAll(String src) {
        Reader r = new Reader(src);
        List<Sx> out = new ArrayList<>();
        while (true) {
            r.skip();
            if (r.pos >= src.length()) {
                return out;
            }
            out.add(r.read());
        }
    }

    final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        void skip() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith(";;", pos)) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("(;", pos)) {
                    int depth = 0;
                    do {
                        if (s.startsWith("(;", pos)) {
                            depth++;
                            pos += 2;
                        } else if (s.startsWith(";)", pos)) {
                            depth--;
                            pos += 2;
                        } else {
                            pos++;
                        }
                    } while (depth > 0 && pos < s.length());
                } else {
                    return;
                }
            }
        }

        Sx read() {
            skip();
            int start = pos;
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                List<Sx> items = new ArrayList<>();
                while (true) {
                    skip();
                    if (pos >= s.length()) {
                        throw new IllegalArgumentException("unclosed list at " + start);
                    }
                    if (s.charAt(pos) == ')') {
                        pos++;
                        return new ListX(items, start, pos);
                    }
                    items.add(read());
                }
            } else if (c == '"') {
                pos++;
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (s.charAt(pos) != '"') {
                    char x = s.charAt(pos);
                    if (x == '\\') {
                        char e = s.charAt(pos + 1);
                        switch (e) {
                            case 'n' -> b.write('\n');
                            case 't' -> b.write('\t');
                            case 'r' -> b.write('\r');
                            case '"' -> b.write('"');
                            case '\'' -> b.write('\'');
                            case '\\' -> b.write('\\');
                            case 'u' -> {
                                int close = s.indexOf('}', pos);
                                int cp = Integer.parseInt(s.substring(pos + 3, close).replace("_", ""), 16);
                                b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                                pos = close - 1;
                            }
                            default -> {
                                b.write(Integer.parseInt(s.substring(pos + 1, pos + 3), 16));
                                pos++;
                            }
                        }
                        pos += 2;
                    } else {
                        int cp = s.codePointAt(pos);
                        b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                        pos += Character.charCount(cp);
                    }
                }
                pos++;
                return new Str(b.toByteArray(), start, pos);
            }
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != '(' && s.charAt(pos) != ')') {
                pos++;
            }
            return new Atom(s.substring(start, pos), start, pos);
        }
    }
}
