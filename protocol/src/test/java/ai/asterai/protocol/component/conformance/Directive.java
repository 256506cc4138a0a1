package ai.asterai.protocol.component.conformance;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A top-level form of a component-model .wast script. The runtime's tests reuse these for the
 * {@code assert_return}/{@code assert_trap} directives: the action and expected values stay
 * s-expressions for them to interpret.
 */
public sealed interface Directive {
    /** The script's path relative to the conformance folder, and the form's line. */
    String file();

    int line();

    /** How a component is given: text (to convert with jco), binary bytes, or quoted text. */
    sealed interface Source {
    }

    /** The complete {@code (component ...)} text, {@code definition} removed, ready for {@code jco parse}. */
    record Text(String wat) implements Source {
    }

    record Binary(byte[] bytes) implements Source {
    }

    /** {@code (component quote "...")}: the quoted strings joined, wrapped as {@code (component ...)}. */
    record Quote(String wat) implements Source {
    }

    /** {@code (component $id? definition? ...)}: a component (instantiated unless {@code definition}). */
    record ComponentForm(String file, int line, Optional<String> id, boolean definitionOnly, Source source)
            implements Directive {
    }

    /** {@code (component instance $i $C)}. */
    record Instance(String file, int line, String id, String component) implements Directive {
    }

    record AssertInvalid(String file, int line, ComponentForm component, String message) implements Directive {
    }

    record AssertMalformed(String file, int line, ComponentForm component, String message) implements Directive {
    }

    record AssertUnlinkable(String file, int line, ComponentForm component, String message) implements Directive {
    }

    /** {@code (assert_return (invoke "f" args...) expected...)}. */
    record AssertReturn(String file, int line, SExpr.ListExpr action, List<SExpr> expected) implements Directive {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    record AssertTrap(String file, int line, SExpr.ListExpr action, String message) implements Directive {
    }

    /** Anything else, kept for the runtime to decide on. */
    record Other(String file, int line, SExpr form) implements Directive {
    }

    /** Turns one top-level form into a directive. */
    static Directive of(String file, String src, SExpr form) {
        if (!(form instanceof SExpr.ListExpr l) || l.head() == null) {
            return new Other(file, form.line(), form);
        }
        switch (l.head()) {
            case "component" -> {
                if ("instance".equals(l.atom(1))) {
                    return new Instance(file, l.line(), l.atom(2), l.atom(3));
                }
                return component(file, src, l);
            }
            case "assert_invalid", "assert_malformed", "assert_unlinkable" -> {
                if (l.items().size() >= 2 && l.items().get(1) instanceof SExpr.ListExpr inner
                        && "component".equals(inner.head())) {
                    ComponentForm c = component(file, src, inner);
                    String msg = l.items().size() > 2 && l.items().get(2) instanceof SExpr.Str s ? s.text() : "";
                    return switch (l.head()) {
                        case "assert_invalid" -> new AssertInvalid(file, l.line(), c, msg);
                        case "assert_malformed" -> new AssertMalformed(file, l.line(), c, msg);
                        default -> new AssertUnlinkable(file, l.line(), c, msg);
                    };
                }
                return new Other(file, l.line(), l);
            }
            case "assert_return" -> {
                if (l.items().size() >= 2 && l.items().get(1) instanceof SExpr.ListExpr action) {
                    return new AssertReturn(file, l.line(), action, l.items().subList(2, l.items().size()));
                }
                return new Other(file, l.line(), l);
            }
            case "assert_trap" -> {
                if (l.items().size() >= 2 && l.items().get(1) instanceof SExpr.ListExpr action) {
                    String msg = l.items().size() > 2 && l.items().get(2) instanceof SExpr.Str s ? s.text() : "";
                    return new AssertTrap(file, l.line(), action, msg);
                }
                return new Other(file, l.line(), l);
            }
            default -> {
                return new Other(file, l.line(), l);
            }
        }
    }

    private static ComponentForm component(String file, String src, SExpr.ListExpr l) {
        int i = 1;
        Optional<String> id = Optional.empty();
        boolean definition = false;
        SExpr definitionAtom = null;
        while (i < l.items().size()) {
            String a = l.atom(i);
            if (a != null && a.startsWith("$")) {
                id = Optional.of(a);
            } else if ("definition".equals(a)) {
                definition = true;
                definitionAtom = l.items().get(i);
            } else {
                break;
            }
            i++;
        }
        String mode = l.atom(i);
        if ("binary".equals(mode) || "quote".equals(mode)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (SExpr e : l.items().subList(i + 1, l.items().size())) {
                if (e instanceof SExpr.Str s) {
                    out.writeBytes(s.bytes());
                    if ("quote".equals(mode)) {
                        out.write(' ');
                    }
                }
            }
            Source source = "binary".equals(mode) ? new Binary(out.toByteArray())
                    : new Quote("(component " + out.toString(java.nio.charset.StandardCharsets.UTF_8) + ")");
            return new ComponentForm(file, l.line(), id, definition, source);
        }
        String text = src.substring(l.start(), l.end());
        if (definitionAtom != null) {
            int a = definitionAtom.start() - l.start();
            text = text.substring(0, a) + text.substring(a + "definition".length());
        }
        return new ComponentForm(file, l.line(), id, definition, new Text(text));
    }
}
