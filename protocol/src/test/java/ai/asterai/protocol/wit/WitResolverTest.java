package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitType.Primitive;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each WIT construct resolves into the expected model. */
class WitResolverTest {
    private static final WitPackageName AB = new WitPackageName("a", "b", null);

    static ResolvedWit resolve(String text) {
        return WitResolver.resolveText("test.wit", text, DepsProvider.NONE);
    }

    static WitInterface iface(String text, String name) {
        return resolve(text).mainPackage().findInterface(name).orElseThrow();
    }

    static WitType alias(WitInterface iface, String name) {
        return ((TypeDef.AliasDef) iface.findType(name).orElseThrow().kind()).target();
    }

    static TypeRef ref(String iface, String type) {
        return new TypeRef(new TypeOwner.InterfaceRef(AB, iface), type);
    }

    @Test
    void packageHeaderAndVersions() {
        ResolvedWit wit = resolve("/// The package.\npackage wasi:http@0.2.0-rc.1+build.5;\n");
        WitPackage pkg = wit.mainPackage();
        assertEquals(new WitPackageName("wasi", "http", "0.2.0-rc.1+build.5"), pkg.name());
        assertEquals("wasi:http@0.2.0-rc.1+build.5", pkg.name().toString());
        assertEquals("wasi:http/types@0.2.0-rc.1+build.5", pkg.name().qualify("types"));
        assertEquals("The package.", pkg.docs());
        assertTrue(pkg.interfaces().isEmpty());
    }

    @Test
    void primitiveTypes() {
        WitInterface i = iface("package a:b;\ninterface i {\n type t1 = bool; type t2 = s8; type t3 = s16; type t4 = s32;"
                + " type t5 = s64; type t6 = u8; type t7 = u16; type t8 = u32; type t9 = u64; type t10 = f32;"
                + " type t11 = f64; type t12 = char; type t13 = string; type t14 = error-context;\n}", "i");
        List<Primitive> expected = List.of(Primitive.BOOL, Primitive.S8, Primitive.S16, Primitive.S32, Primitive.S64,
                Primitive.U8, Primitive.U16, Primitive.U32, Primitive.U64, Primitive.F32, Primitive.F64, Primitive.CHAR,
                Primitive.STRING, Primitive.ERROR_CONTEXT);
        for (int n = 0; n < expected.size(); n++) {
            assertEquals(expected.get(n), alias(i, "t" + (n + 1)));
        }
    }

    @Test
    void containerTypes() {
        WitInterface i = iface("""
                package a:b;
                interface i {
                  type l = list<u8>;
                  type fl = list<u8, 4>;
                  type m = map<string, list<u32>>;
                  type o = option<string>;
                  type r0 = result;
                  type r1 = result<u32>;
                  type r2 = result<_, string>;
                  type r3 = result<u32, string>;
                  type t = tuple<u8, string,>;
                  type e = tuple<>;
                  type f0 = future;
                  type f1 = future<u8>;
                  type s0 = stream;
                  type s1 = stream<stream<u8>>;
                }
                """, "i");
        assertEquals(new WitType.ListType(Primitive.U8), alias(i, "l"));
        assertEquals(new WitType.FixedListType(Primitive.U8, 4), alias(i, "fl"));
        assertEquals(new WitType.MapType(Primitive.STRING, new WitType.ListType(Primitive.U32)), alias(i, "m"));
        assertEquals(new WitType.OptionType(Primitive.STRING), alias(i, "o"));
        assertEquals(new WitType.ResultType(null, null), alias(i, "r0"));
        assertEquals(new WitType.ResultType(Primitive.U32, null), alias(i, "r1"));
        assertEquals(new WitType.ResultType(null, Primitive.STRING), alias(i, "r2"));
        assertEquals(new WitType.ResultType(Primitive.U32, Primitive.STRING), alias(i, "r3"));
        assertEquals(new WitType.TupleType(List.of(Primitive.U8, Primitive.STRING)), alias(i, "t"));
        assertEquals(new WitType.TupleType(List.of()), alias(i, "e"));
        assertEquals(new WitType.FutureType(null), alias(i, "f0"));
        assertEquals(new WitType.FutureType(Primitive.U8), alias(i, "f1"));
        assertEquals(new WitType.StreamType(null), alias(i, "s0"));
        assertEquals(new WitType.StreamType(new WitType.StreamType(Primitive.U8)), alias(i, "s1"));
    }

    @Test
    void nominalTypesWithDocs() {
        WitInterface i = iface("""
                package a:b;
                interface i {
                  /// A point.
                  record point {
                    /// Horizontal.
                    x: s32,
                    y: s32,
                  }
                  variant shape { circle(u32), square(point), none }
                  enum color { red, green }
                  flags perms { read, write, }
                  type alias = point;
                }
                """, "i");
        TypeDef point = i.findType("point").orElseThrow();
        assertEquals("A point.", point.docs());
        assertEquals(new TypeDef.RecordDef(List.of(new TypeDef.Field("x", Primitive.S32, "Horizontal."),
                new TypeDef.Field("y", Primitive.S32, null))), point.kind());
        assertEquals(new TypeDef.VariantDef(List.of(new TypeDef.Case("circle", Primitive.U32, null),
                new TypeDef.Case("square", new WitType.Named(ref("i", "point")), null),
                new TypeDef.Case("none", null, null))), i.findType("shape").orElseThrow().kind());
        assertEquals(new TypeDef.EnumDef(List.of(new TypeDef.EnumCase("red", null), new TypeDef.EnumCase("green", null))),
                i.findType("color").orElseThrow().kind());
        assertEquals(new TypeDef.FlagsDef(List.of(new TypeDef.Flag("read", null), new TypeDef.Flag("write", null))),
                i.findType("perms").orElseThrow().kind());
        assertEquals(new WitType.Named(ref("i", "point")), alias(i, "alias"));
    }

    @Test
    void typesAreOrderedByDependencyNotDeclaration() {
        WitInterface i = iface("package a:b;\ninterface i { type a = b; record b { c: c } type c = u8; }", "i");
        assertEquals(List.of("c", "b", "a"), i.types().stream().map(TypeDef::name).toList());
    }

    @Test
    void functionsWithParamsResultsAndAsync() {
        WitInterface i = iface("""
                package a:b;
                interface i {
                  /// Does nothing.
                  f0: func();
                  f1: func(a: u32, b: list<string>,) -> option<u32>;
                  f2: async func(s: stream<u8>) -> future<string>;
                }
                """, "i");
        WitFunction f0 = i.findFunction("f0").orElseThrow();
        assertEquals(new WitFunction("f0", FunctionKind.FREESTANDING, null, false, List.of(), null, "Does nothing.",
                Gate.NONE), f0);
        WitFunction f1 = i.findFunction("f1").orElseThrow();
        assertEquals(List.of(new WitFunction.Param("a", Primitive.U32),
                new WitFunction.Param("b", new WitType.ListType(Primitive.STRING))), f1.params());
        assertEquals(new WitType.OptionType(Primitive.U32), f1.result());
        WitFunction f2 = i.findFunction("f2").orElseThrow();
        assertTrue(f2.async());
        assertEquals(new WitType.FutureType(Primitive.STRING), f2.result());
        assertEquals(3, i.freestandingFunctions().size());
    }

    @Test
    void resourcesWithConstructorsMethodsAndStatics() {
        WitInterface i = iface("""
                package a:b;
                interface i {
                  resource blob {
                    constructor(init: list<u8>);
                    write: func(bytes: list<u8>);
                    merge: static func(lhs: borrow<blob>, rhs: borrow<blob>) -> blob;
                    read: async func(n: u32) -> list<u8>;
                  }
                  resource file { constructor() -> result<file, string>; }
                  resource plain;
                  type owned = own<plain>;
                  type borrowed = borrow<plain>;
                  type same = plain;
                  take: func(b: blob, o: own<blob>, s: same) -> list<blob>;
                }
                """, "i");
        TypeRef blob = ref("i", "blob");
        assertEquals(new TypeDef.ResourceDef(), i.findType("blob").orElseThrow().kind());
        assertEquals(List.of("[constructor]blob", "[method]blob.write", "[static]blob.merge", "[method]blob.read",
                "[constructor]file", "take"), i.functions().stream().map(WitFunction::qualifiedName).toList());
        WitFunction ctor = i.findFunction("[constructor]blob").orElseThrow();
        assertEquals(FunctionKind.CONSTRUCTOR, ctor.kind());
        assertEquals(blob, ctor.resource());
        assertNull(ctor.result());
        WitFunction write = i.findFunction("[method]blob.write").orElseThrow();
        assertEquals(FunctionKind.METHOD, write.kind());
        assertEquals("write", write.name());
        assertEquals(1, write.params().size(), "the implicit self is not listed");
        WitFunction merge = i.findFunction("[static]blob.merge").orElseThrow();
        assertEquals(new WitType.BorrowHandle(blob), merge.params().get(0).type());
        assertEquals(new WitType.OwnHandle(blob), merge.result());
        assertTrue(i.findFunction("[method]blob.read").orElseThrow().async());
        assertEquals(new WitType.ResultType(new WitType.OwnHandle(ref("i", "file")), Primitive.STRING),
                i.findFunction("[constructor]file").orElseThrow().result());
        assertEquals(new WitType.OwnHandle(ref("i", "plain")), alias(i, "owned"));
        assertEquals(new WitType.BorrowHandle(ref("i", "plain")), alias(i, "borrowed"));
        // An alias of a resource is still a name; in a value position a resource name is an owned handle.
        assertEquals(new WitType.Named(ref("i", "plain")), alias(i, "same"));
        WitFunction take = i.findFunction("take").orElseThrow();
        assertEquals(List.of(new WitType.OwnHandle(blob), new WitType.OwnHandle(blob),
                new WitType.OwnHandle(ref("i", "same"))), take.params().stream().map(WitFunction.Param::type).toList());
        assertEquals(new WitType.ListType(new WitType.OwnHandle(blob)), take.result());
    }

    @Test
    void explicitIdentifiersAllowKeywords() {
        WitInterface i = iface("package a:%interface;\ninterface %type { record %record { %enum: u8 } %func: func(%u8: %record); }",
                "type");
        assertEquals("record", i.types().get(0).name());
        assertEquals("func", i.functions().get(0).name());
        assertEquals("u8", i.functions().get(0).params().get(0).name());
        assertEquals("is-XML", iface("package a:b;\ninterface is-XML {}", "is-XML").name());
        assertEquals("apple-0", iface("package a:b;\ninterface apple-0 {}", "apple-0").name());
    }

    @Test
    void usesWithRenamesAndTopLevelUse() {
        ResolvedWit wit = resolve("""
                package a:b;
                use types as t;
                interface consumer {
                  use t.{point, color as colour};
                  use types.{point as p2};
                  paint: func(c: colour) -> point;
                }
                interface types {
                  record point { x: u32 }
                  enum color { red }
                }
                """);
        WitPackage pkg = wit.mainPackage();
        assertEquals(List.of("types", "consumer"), pkg.interfaces().stream().map(WitInterface::name).toList(),
                "interfaces come after those they use");
        WitInterface consumer = pkg.findInterface("consumer").orElseThrow();
        assertEquals(List.of("point", "colour", "p2"), consumer.types().stream().map(TypeDef::name).toList());
        assertEquals(new WitType.Named(ref("types", "color")), alias(consumer, "colour"));
        WitFunction paint = consumer.findFunction("paint").orElseThrow();
        assertEquals(new WitType.Named(ref("consumer", "colour")), paint.params().get(0).type());
        assertEquals(new WitType.Named(ref("consumer", "point")), paint.result());
        TypeDef resolved = wit.typeDef(ref("types", "color")).orElseThrow();
        assertTrue(resolved.kind() instanceof TypeDef.EnumDef);
    }

    @Test
    void foreignUsesAreSuppliedByTheDepsProvider() {
        Map<String, String> registry = Map.of(
                "wasi:io@0.2.0", "package wasi:io@0.2.0;\ninterface streams { resource input-stream; type size = u64; }",
                "acme:util", "package acme:util;\ninterface helpers { use wasi:io/streams@0.2.0.{size}; type n = size; }");
        Map<String, Integer> calls = new HashMap<>();
        DepsProvider deps = id -> {
            calls.merge(id.toString(), 1, Integer::sum);
            return registry.get(id.toString());
        };
        ResolvedWit wit = WitResolver.resolveText("main.wit", """
                package my:app;
                interface api {
                  use wasi:io/streams@0.2.0.{input-stream as in};
                  use acme:util/helpers.{n};
                  read: func(s: borrow<in>) -> n;
                }
                world app { export api; }
                """, deps);
        assertEquals(Map.of("wasi:io@0.2.0", 1, "acme:util", 1), calls, "each package is asked for once");
        assertEquals(List.of("wasi:io@0.2.0", "acme:util", "my:app"),
                wit.packages().stream().map(p -> p.name().toString()).toList(), "dependencies come first");
        WitWorld app = wit.mainPackage().findWorld("app").orElseThrow();
        assertEquals(List.of("wasi:io/streams@0.2.0", "acme:util/helpers"), app.importedInterfaceIds());
        assertEquals(List.of("my:app/api"), app.exportedInterfaceIds());
    }

    @Test
    void providerIsOnlyAskedForPackagesNotDefinedInTheText() {
        List<String> asked = new java.util.ArrayList<>();
        WitException e = org.junit.jupiter.api.Assertions.assertThrows(WitException.class, () ->
                WitResolver.resolveText("main.wit", """
                        package a:b;
                        package a:c { interface i {} }
                        world w { import a:c/i; import x:y/z@1.0.0; }
                        """, id -> {
                            asked.add(id.toString());
                            return null;
                        }));
        assertEquals(List.of("x:y@1.0.0"), asked);
        assertEquals("main.wit:3:32: package 'x:y@1.0.0' not found. known packages:\n    a:c\n    a:b", e.getMessage());
    }

    @Test
    void worldsAreFoundByTheirId() {
        ResolvedWit wit = resolve("package a:b@0.1.0;\nworld app {}\n");
        assertTrue(wit.findWorld("a:b/app@0.1.0").isPresent());
        assertFalse(wit.findWorld("a:b/app").isPresent());
    }

    @Test
    void nestedPackagesResolveTogether() {
        ResolvedWit wit = resolve("""
                package a:b;
                package a:c@1.0.0 {
                  interface i { type t = u32; }
                }
                interface j { use a:c/i@1.0.0.{t}; }
                """);
        assertEquals(new WitPackageName("a", "b", null), wit.main());
        assertEquals(2, wit.packages().size());
        assertTrue(wit.findInterface("a:c/i@1.0.0").isPresent());
    }

    @Test
    void worldsImportAndExportEverything() {
        ResolvedWit wit = resolve("""
                package a:b;
                interface store { get: func() -> option<string>; }
                interface logger { log: func(msg: string); }
                /// The app world.
                world app {
                  import logger;
                  import primary: store;
                  import secondary: store;
                  import clock: interface { now: func() -> u64; }
                  import rand: func() -> u64;
                  type id = u32;
                  resource handle { constructor(); }
                  export run: func(x: id) -> result;
                  export store;
                  export hooks: interface { on-start: func(); }
                }
                """);
        WitWorld app = wit.mainPackage().findWorld("app").orElseThrow();
        assertEquals("The app world.", app.docs());
        assertEquals(List.of("a:b/logger", "primary", "secondary", "clock", "id", "handle", "rand", "[constructor]handle"),
                app.imports().stream().map(WorldItem::key).toList());
        assertEquals(List.of("run", "a:b/store", "hooks"), app.exports().stream().map(WorldItem::key).toList());
        assertEquals(List.of("a:b/logger", "a:b/store"), app.importedInterfaceIds());
        assertEquals(List.of("a:b/store"), app.exportedInterfaceIds());
        assertEquals(List.of("rand"), app.importedFunctions().stream().map(WitFunction::name).toList());
        assertEquals(List.of("run"), app.exportedFunctions().stream().map(WitFunction::name).toList());
        WorldItem.InterfaceItem primary = (WorldItem.InterfaceItem) app.findImport("primary").orElseThrow();
        assertEquals("primary", primary.label());
        assertEquals("a:b/store", primary.iface().id());
        WorldItem.InlineInterfaceItem clock = (WorldItem.InlineInterfaceItem) app.findImport("clock").orElseThrow();
        assertNull(clock.iface().name());
        assertEquals(List.of("now"), clock.iface().functions().stream().map(WitFunction::name).toList());
        WitFunction run = ((WorldItem.FunctionItem) app.findExport("run").orElseThrow()).function();
        TypeRef id = new TypeRef(new TypeOwner.WorldRef(AB, "app"), "id");
        assertEquals(new WitType.Named(id), run.params().get(0).type());
        assertEquals(Primitive.U32, ((TypeDef.AliasDef) wit.typeDef(id).orElseThrow().kind()).target());
    }

    @Test
    void elaborationImportsWhatExportsAndUsesNeed() {
        ResolvedWit wit = resolve("""
                package a:b;
                interface base { type t = u32; }
                interface mid { use base.{t}; }
                interface top { use mid.{t}; f: func() -> t; }
                world w {
                  use base.{t as bt};
                  export top;
                  import inline: interface { use mid.{t}; }
                }
                """);
        WitWorld w = wit.mainPackage().findWorld("w").orElseThrow();
        assertEquals(List.of("a:b/base", "a:b/mid", "inline", "bt"), w.imports().stream().map(WorldItem::key).toList());
        assertEquals(List.of("a:b/top"), w.exportedInterfaceIds());
    }

    @Test
    void includesMergeAndRename() {
        ResolvedWit wit = resolve("""
                package a:b;
                interface i {}
                world base {
                  import i;
                  resource r { m: func(); }
                  import f: func(x: r);
                  export g: func();
                }
                world app {
                  include base with { r as res, f as fetch }
                  include base with { r as r2, f as f2, g as g2 }
                }
                """);
        WitWorld app = wit.mainPackage().findWorld("app").orElseThrow();
        assertEquals(List.of("a:b/i", "res", "r2", "fetch", "f2", "[method]res.m", "[method]r2.m"),
                app.imports().stream().map(WorldItem::key).toList());
        assertEquals(List.of("g", "g2"), app.exports().stream().map(WorldItem::key).toList());
        WitFunction fetch = ((WorldItem.FunctionItem) app.findImport("fetch").orElseThrow()).function();
        TypeRef res = new TypeRef(new TypeOwner.WorldRef(AB, "app"), "res");
        assertEquals(new WitType.OwnHandle(res), fetch.params().get(0).type());
        assertTrue(wit.typeDef(res).isPresent());
    }

    @Test
    void featureGatesAreKeptOrApplied() {
        String text = """
                package a:b@1.2.0;
                @since(version = 1.0.0)
                interface i {
                  @since(version = 1.1.0) @deprecated(version = 1.2.0)
                  old: func();
                  @unstable(feature = fancy)
                  fancy: func();
                }
                @unstable(feature = fancy)
                interface extra {}
                """;
        WitPackage off = WitResolver.resolveText("t.wit", text, DepsProvider.NONE).mainPackage();
        assertEquals(new Gate.Since("1.0.0", null), off.findInterface("i").orElseThrow().gate());
        assertEquals(List.of("old"), off.findInterface("i").orElseThrow().functions().stream()
                .map(WitFunction::name).toList());
        assertEquals(new Gate.Since("1.1.0", "1.2.0"), off.findInterface("i").orElseThrow().functions().get(0).gate());
        assertFalse(off.findInterface("extra").isPresent());
        WitPackage on = WitResolver.resolveText("t.wit", text, DepsProvider.NONE, Set.of("fancy")).mainPackage();
        assertEquals(new Gate.Unstable("fancy", null), on.findInterface("i").orElseThrow().findFunction("fancy")
                .orElseThrow().gate());
        assertTrue(on.findInterface("extra").isPresent());
    }

    @Test
    void docCommentsOnlyComeFromDocComments() {
        WitInterface i = iface("""
                package a:b;
                // a plain comment
                /** Block docs
                    over two lines. */
                // another plain comment
                /* plain block /* nested */ */
                interface i {
                  ///   Indented
                  ///     deeper
                  type t = u32;
                }
                """, "i");
        assertEquals("Block docs\n    over two lines.", i.docs());
        assertEquals("Indented\n  deeper", i.findType("t").orElseThrow().docs());
    }

    @Test
    void crlfAndByteOrderMarkAreAccepted() {
        assertEquals("i", iface("\uFEFFpackage a:b;\r\ninterface i {\r\n  f: func();\r\n}\r\n", "i").name());
    }

    @Test
    void multiplePackagesInOneFileNeedAMainHeader() {
        ResolvedWit wit = resolve("package a:main;\npackage a:x { interface i {} }\npackage a:y { interface j {} }\n");
        assertEquals(3, wit.packages().size());
        assertEquals("a:main", wit.main().toString());
    }
}
