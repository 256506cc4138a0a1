package ai.asterai.protocol.component.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastScriptTest {

    @Test
    void readsStringsCommentsAndDirectives() {
        String src = """
                ;; a line comment (component)
                (component definition $C (; block (; nested ;) comment ;)
                  (import "a" (func)))
                (component binary "\\00asm" "\\0d\\00\\01\\00" "\\u{2603}\\t\\"\\\\")
                (assert_invalid (component (export "x" (func 0))) "out of bounds")
                (assert_return (invoke "f" (u32.const 1)) (str.const "ok"))
                (component quote "(import \\"a\\" (func))")
                """;
        List<SExpr> forms = SExpr.readAll(src);
        assertEquals(5, forms.size());
        List<Directive> ds = forms.stream().map(f -> Directive.of("t.wast", src, f)).toList();

        Directive.ComponentForm c = assertInstanceOf(Directive.ComponentForm.class, ds.get(0));
        assertEquals(2, c.line());
        assertEquals("$C", c.id().orElseThrow());
        assertEquals(true, c.definitionOnly());
        String wat = ((Directive.Text) c.source()).wat();
        assertEquals(false, wat.contains("definition"), wat);

        byte[] expected = concat(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}, "\u2603\t\"\\".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, ((Directive.Binary) ((Directive.ComponentForm) ds.get(1)).source()).bytes());

        Directive.AssertInvalid inv = assertInstanceOf(Directive.AssertInvalid.class, ds.get(2));
        assertEquals("out of bounds", inv.message());
        Directive.AssertReturn ret = assertInstanceOf(Directive.AssertReturn.class, ds.get(3));
        assertEquals("invoke", ret.action().head());
        assertEquals(1, ret.expected().size());
        assertEquals("(component (import \"a\" (func)) )",
                ((Directive.Quote) ((Directive.ComponentForm) ds.get(4)).source()).wat());
    }

    @Test
    void reportsUnbalancedScriptsWithTheLine() {
        SExpr.SyntaxError e = assertThrows(SExpr.SyntaxError.class, () -> SExpr.readAll("\n(component"));
        assertEquals("line 2: unclosed (", e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
