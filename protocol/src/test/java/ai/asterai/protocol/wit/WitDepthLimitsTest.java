package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Hostile nesting (issue #11): long chains of uses, packages, named types, nested type expressions and
 * nested packages are refused with a located error naming the limit (WitLimits), never a
 * StackOverflowError; chains within the limits resolve and print.
 */
class WitDepthLimitsTest {
    static String useChain(int n) {
        StringBuilder sb = new StringBuilder("package a:b;\n");
        for (int i = 0; i < n; i++) {
            sb.append("interface i").append(i).append(" { ");
            if (i + 1 < n) sb.append("use i").append(i + 1).append(".{t}; ");
            else sb.append("type t = u32; ");
            sb.append("}\n");
        }
        sb.append("world w { export i0; }\n");
        return sb.toString();
    }
    static String useChainImport(int n) { return useChain(n).replace("export i0", "import i0"); }
    static String aliasChain(int n) {
        StringBuilder sb = new StringBuilder("package a:b;\ninterface x {\n");
        for (int i = 0; i < n; i++) {
            sb.append("type t").append(i).append(" = ").append(i + 1 < n ? "t" + (i + 1) : "u32").append(";\n");
        }
        sb.append("f: func(a: t0);\n}\nworld w { export x; }\n");
        return sb.toString();
    }
    static String includeChain(int n) {
        StringBuilder sb = new StringBuilder("package a:b;\n");
        for (int i = 0; i < n; i++) {
            sb.append("world w").append(i).append(" { ");
            if (i + 1 < n) sb.append("include w").append(i + 1).append("; ");
            else sb.append("import f: func(); ");
            sb.append("}\n");
        }
        return sb.toString();
    }
    static String pkgChain(int n) {
        StringBuilder sb = new StringBuilder("package a:main;\nworld w { import a:p0/i; }\n");
        for (int i = 0; i < n; i++) {
            sb.append("package a:p").append(i).append(" { interface i { ");
            if (i + 1 < n) sb.append("use a:p").append(i + 1).append("/i.{t}; ");
            else sb.append("type t = u32; ");
            sb.append("} }\n");
        }
        return sb.toString();
    }
    static String recordChain(int n) {
        StringBuilder sb = new StringBuilder("package a:b;\ninterface x {\n");
        for (int i = 0; i < n; i++) {
            sb.append("record r").append(i).append(" { f: ").append(i + 1 < n ? "r" + (i + 1) : "u32").append(" }\n");
        }
        sb.append("f: func(a: r0);\n}\nworld w { export x; }\n");
        return sb.toString();
    }
    static String resourceBorrowChain(int n) {
        StringBuilder sb = new StringBuilder("package a:b;\ninterface x {\nresource res;\n");
        for (int i = 0; i < n; i++) {
            sb.append("record r").append(i).append(" { f: ").append(i + 1 < n ? "r" + (i + 1) : "borrow<res>").append(" }\n");
        }
        sb.append("f: func(a: r0);\n}\nworld w { export x; }\n");
        return sb.toString();
    }

    static String worldPkgChain(int n) {
        StringBuilder sb = new StringBuilder("package a:main;\nworld w { import a:p0/i; }\n");
        for (int i = 0; i < n; i++) {
            sb.append("package a:p").append(i).append(" { interface i { f: func(); } ");
            if (i + 1 < n) sb.append("world w { import a:p").append(i + 1).append("/i; } ");
            sb.append("}\n");
        }
        return sb.toString();
    }
    static String listNest(int n) {
        return "package a:b;\ninterface x { type t = " + "list<".repeat(n) + "u8" + ">".repeat(n) + "; }\n";
    }
    static String tupleNest(int n) {
        return "package a:b;\ninterface x { f: func(a: " + "tuple<".repeat(n) + "u8" + ">".repeat(n) + "); }\n";
    }
    static String nestedPkgs(int n) {
        return "package a:b;\n" + "package a:c { ".repeat(n) + "}".repeat(n) + "\n";
    }
    static String comments(int n) {
        return "package a:b;\n" + "/*".repeat(n) + "*/".repeat(n) + "\ninterface x {}\n";
    }


    static Map<String, IntFunction<String>> chains() {
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put("use chain exported", WitDepthLimitsTest::useChain);
        cases.put("use chain imported", WitDepthLimitsTest::useChainImport);
        cases.put("alias chain", WitDepthLimitsTest::aliasChain);
        cases.put("package chain through uses", WitDepthLimitsTest::pkgChain);
        cases.put("package chain through world imports", WitDepthLimitsTest::worldPkgChain);
        cases.put("record chain", WitDepthLimitsTest::recordChain);
        cases.put("record chain ending in a borrow", WitDepthLimitsTest::resourceBorrowChain);
        cases.put("nested lists", WitDepthLimitsTest::listNest);
        cases.put("nested tuples", WitDepthLimitsTest::tupleNest);
        cases.put("nested packages", WitDepthLimitsTest::nestedPkgs);
        return cases;
    }

    @Test
    void chainsOfFiveThousandAreRefusedNamingTheLimit() {
        chains().forEach((what, text) -> {
            WitException e = assertThrows(WitException.class,
                    () -> WitResolver.resolveText("t.wit", text.apply(5000), DepsProvider.NONE), what);
            assertTrue(e.getMessage().contains("the limit is 100"), what + ": " + e.getMessage());
        });
    }

    @Test
    void chainsWithinTheLimitsResolveAndPrint() {
        chains().forEach((what, text) -> {
            if (!what.equals("nested packages")) { // only parsed to its limit: WIT allows one level
                assertDoesNotThrow(() -> WitPrinter.print(WitResolver.resolveText("t.wit", text.apply(40), DepsProvider.NONE)), what);
            }
        });
        // each `use` is an alias of the next one's type, so this chain also counts toward the type depth
        assertDoesNotThrow(() -> WitResolver.resolveText("t.wit", useChain(WitLimits.MAX_USE_DEPTH - 1), DepsProvider.NONE));
        assertThrows(WitException.class, () -> WitResolver.resolveText("t.wit", useChain(WitLimits.MAX_USE_DEPTH + 1), DepsProvider.NONE));
    }

    @Test
    void includeChainsAndNestedCommentsAreIterative() {
        assertDoesNotThrow(() -> WitResolver.resolveText("t.wit", includeChain(5000), DepsProvider.NONE));
        assertDoesNotThrow(() -> WitResolver.resolveText("t.wit", comments(5000), DepsProvider.NONE));
    }
}
