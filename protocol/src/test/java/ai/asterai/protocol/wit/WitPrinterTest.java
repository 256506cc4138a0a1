package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitPackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The printer writes canonical WIT that reads back into an equal model. */
class WitPrinterTest {
    private static final String ALL_CONSTRUCTS = """
            /// Everything at once.
            package ex:all@1.2.0;

            package ex:dep {
              interface types {
                resource handle;
                type id = u64;
              }
            }

            /// Shapes.
            @since(version = 1.0.0)
            interface shapes {
              use ex:dep/types.{id, handle as h};
              /// A point.
              record point { x: f64, y: f64 }
              variant shape { circle(f64), poly(list<point>), empty }
              enum kind { a, b }
              flags f { x, y }
              type pair = tuple<point, point>;
              type fixed = list<u8, 16>;
              type lookup = map<string, option<point>>;
              type r1 = result;
              type r2 = result<_, string>;
              type r3 = result<u32>;
              type s = stream<future<u8>>;
              type bare = stream;
              type fut = future;
              type err = error-context;
              type borrowed = borrow<h>;
              first: func(s: shape) -> option<point>;
              resource canvas {
                /// Makes one.
                constructor(w: u32) -> result<canvas, string>;
                draw: async func(s: shape, at: borrow<canvas>);
                @since(version = 1.1.0) @deprecated(version = 1.2.0)
                blank: static func() -> canvas;
              }
              last: func(i: id, x: h) -> h;
              %type: func(%interface: u32);
            }

            interface consumer {
              use shapes.{point, canvas};
              paint: func(c: borrow<canvas>, p: point);
            }

            world app {
              import ex:dep/types;
              import main: consumer;
              import log: interface { write: func(s: string); }
              import now: func() -> u64;
              use shapes.{point};
              type alias = point;
              resource cursor { constructor(); at: func() -> alias; }
              export shapes;
              export run: async func(args: list<string>) -> result;
              export hooks: interface { on: func(); }
            }

            world extended {
              include app with { now as clock, cursor as pointer }
              @unstable(feature = gated)
              import extra: func();
            }
            """;

    private static void assertRoundTrip(ResolvedWit wit, Set<String> features) {
        String text = WitPrinter.print(wit);
        ResolvedWit again = WitResolver.resolveText("printed.wit", text, DepsProvider.NONE, features);
        assertEquals(wit, again, text);
        assertEquals(text, WitPrinter.print(again), "printing is stable");
        // Each package on its own, dependencies supplied from their own printed text.
        Map<WitPackageName, String> single = new HashMap<>();
        for (WitPackage p : wit.packages()) {
            single.put(p.name(), WitPrinter.printPackage(p));
        }
        ResolvedWit alone = WitResolver.resolveText("main.wit", single.get(wit.main()), single::get, features);
        assertEquals(wit.mainPackage(), alone.mainPackage(), single.get(wit.main()));
    }

    @Test
    void everyConstructRoundTrips() {
        for (Set<String> features : List.of(Set.<String>of(), Set.of("gated"))) {
            assertRoundTrip(WitResolver.resolveText("all.wit", ALL_CONSTRUCTS, DepsProvider.NONE, features), features);
        }
    }

    @Test
    void printsCanonicalText() {
        ResolvedWit wit = WitResolver.resolveText("t.wit", """
                package a:b;
                // not a doc comment
                /// An interface.
                interface i { use j.{t as u}; type   x=list<u>;/** Does f. */ f:func(a:x)->result<_,string>; %use: func(); }
                interface j { type t = u32; }
                world w { export i; import g: func(); }
                """, DepsProvider.NONE);
        assertEquals("""
                package a:b;

                interface j {
                  type t = u32;
                }

                /// An interface.
                interface i {
                  use j.{t as u};
                  type x = list<u>;
                  /// Does f.
                  f: func(a: x) -> result<_, string>;
                  %use: func();
                }

                world w {
                  import j;
                  import g: func();
                  export i;
                }
                """, WitPrinter.print(wit));
    }

    @Test
    void keepsFunctionOrderAroundResources() {
        assertRoundTrip(WitResolver.resolveText("t.wit", """
                package a:b;
                interface i {
                  a: func();
                  resource r { m: func(); }
                  b: func();
                  resource s;
                  resource q { constructor(); }
                  c: func();
                }
                """, DepsProvider.NONE), Set.of());
    }

    @TestFactory
    Stream<DynamicTest> conformanceCasesRoundTrip() throws IOException {
        Path suite = WitConformanceTest.suite();
        assumeTrue(suite != null, "conformance suite not found");
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(suite.resolve("valid"))) {
            s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".wit")).sorted().forEach(cases::add);
        }
        cases.addAll(WitDirectoryTest.repositoryPackages());
        return cases.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Set<String> features = Set.of("active");
            assertRoundTrip(WitResolver.resolvePath(p, features), features);
        }));
    }
}
