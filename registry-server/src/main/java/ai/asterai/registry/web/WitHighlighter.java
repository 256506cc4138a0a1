package ai.asterai.registry.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits WIT source into spans for colouring: comments, keywords, built-in types, plain text. The
 * template escapes every span's text (WIT is untrusted); this class only decides the CSS class.
 */
public final class WitHighlighter {
    /** One run of source text and its class: {@code c} comment, {@code k} keyword, {@code t} type, empty otherwise. */
    public record Span(String text, String cls) {
    }

    private static final Set<String> KEYWORDS = Set.of("package", "world", "interface", "import", "export", "use", "func",
            "record", "variant", "enum", "flags", "resource", "type", "include", "with", "as", "from", "static",
            "constructor", "async");
    private static final Set<String> TYPES = Set.of("u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64",
            "float32", "float64", "bool", "char", "string", "list", "option", "result", "tuple", "borrow", "own",
            "future", "stream", "error-context");
    private static final Pattern TOKEN = Pattern.compile("(//[^\\n]*)|(/\\*.*?(?:\\*/|\\z))|(%?[A-Za-z][A-Za-z0-9-]*)", Pattern.DOTALL);

    private WitHighlighter() {
    }

    public static List<Span> spans(String source) {
        List<Span> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(source);
        int at = 0;
        StringBuilder plain = new StringBuilder();
        while (m.find()) {
            plain.append(source, at, m.start());
            String cls = m.group(1) != null || m.group(2) != null ? "c"
                    : KEYWORDS.contains(m.group()) ? "k" : TYPES.contains(m.group()) ? "t" : "";
            if (cls.isEmpty()) {
                plain.append(m.group());
            } else {
                flush(out, plain);
                out.add(new Span(m.group(), cls));
            }
            at = m.end();
        }
        plain.append(source.substring(at));
        flush(out, plain);
        return out;
    }

    private static void flush(List<Span> out, StringBuilder plain) {
        if (!plain.isEmpty()) {
            out.add(new Span(plain.toString(), ""));
            plain.setLength(0);
        }
    }
}
