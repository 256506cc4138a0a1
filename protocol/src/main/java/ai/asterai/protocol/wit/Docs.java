package ai.asterai.protocol.wit;

import java.util.ArrayList;
import java.util.List;

/** Turns doc comment tokens into text: markers stripped, common indentation removed, lines joined. */
final class Docs {
    private Docs() {
    }

    /** The text of {@code docs}, or null when there are none. */
    static String text(Ast.Docs docs) {
        if (docs.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String comment : docs.comments()) {
            String body;
            if (comment.startsWith("/**")) {
                body = comment.substring(3, comment.length() - 2);
            } else {
                int i = 0;
                while (i < comment.length() && comment.charAt(i) == '/') {
                    i++;
                }
                body = comment.substring(i);
            }
            lines.add(body.stripTrailing());
        }
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isEmpty()) {
                int n = 0;
                while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
                    n++;
                }
                indent = Math.min(indent, n);
            }
        }
        String prefix = indent == Integer.MAX_VALUE ? "" : " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String stripped = line.startsWith(prefix) ? line.substring(prefix.length()) : line;
            if (stripped.isEmpty()) {
                out.append('\n');
            } else {
                for (String l : stripped.split("\r?\n", -1)) {
                    out.append(l).append('\n');
                }
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        String text = out.substring(0, end);
        return text.isEmpty() ? null : text;
    }
}
