package ai.asterai.registry.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WitHighlighterTest {

    @Test
    void classifiesAndKeepsEveryCharacter() {
        String src = "package a:b@1.0.0;\n/// doc <b>\ninterface api {\n  /* x */ f: func(s: string) -> list<u8>;\n  %type: u32;\n}\n";
        List<WitHighlighter.Span> spans = WitHighlighter.spans(src);
        assertEquals(src, spans.stream().map(WitHighlighter.Span::text).collect(Collectors.joining()));
        assertEquals(List.of("package", "interface", "func"), of(spans, "k"));
        assertEquals(List.of("string", "list", "u8", "u32"), of(spans, "t"));
        assertEquals(List.of("/// doc <b>", "/* x */"), of(spans, "c"));
    }

    @Test
    void unterminatedCommentRunsToTheEnd() {
        assertEquals(List.of(new WitHighlighter.Span("world", "k"), new WitHighlighter.Span(" w ", ""),
                new WitHighlighter.Span("/* open", "c")), WitHighlighter.spans("world w /* open"));
    }

    private static List<String> of(List<WitHighlighter.Span> spans, String cls) {
        return spans.stream().filter(s -> s.cls().equals(cls)).map(WitHighlighter.Span::text).toList();
    }
}
