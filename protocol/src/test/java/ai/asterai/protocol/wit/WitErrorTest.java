package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of error is a {@link WitException} with file, line, column and a precise message. Each row:
 * the WIT text ({@code |} stands for a newline), then {@code line:column: message}.
 */
class WitErrorTest {
    static WitException error(String text) {
        return error(text, Set.of());
    }

    static WitException error(String text, Set<String> features) {
        return assertThrows(WitException.class,
                () -> WitResolver.resolveText("test.wit", text.replace('|', '\n'), DepsProvider.NONE, features));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '~', textBlock = """
            package a:b;|interface i { type t = u32 }                ~ 2:28: expected ';', found '}'
            package a:b;|type t = u32;                                ~ 2:1: expected `world`, `interface` or `use`, found keyword `type`
            package a:b;|interface i {                                ~ 2:14: expected `type`, `resource` or `func`, found eof
            package a:b;|interface i { type type = u32; }             ~ 2:20: expected an identifier or string, found keyword `type`
            package a:b;|interface i { type x = list<u32; }           ~ 2:32: expected '>', found ';'
            package a:b;|interface i { type x = list<u32, u8>; }      ~ 2:34: expected fixed-length, found keyword `u8`
            package a:b;|interface i { type x = list<u8, 99999999999>; } ~ 2:33: invalid list size: number too large to fit in target type
            package a:b;|interface i { type x = result<_>; }          ~ 2:32: expected ',', found '>'
            package a:b;|interface i { f: func() -> (a: u32); }       ~ 2:28: expected a type, found '('
            package a:b;|interface i { resource r { x: async static func(); } } ~ 2:37: expected keyword `func`, found keyword `static`
            package a:b;|interface i { resource r { async constructor(); } }    ~ 2:28: expected `constructor` or identifier, found keyword `async`
            package a:b;|world w { type t = u32 }                     ~ 2:24: expected ';', found '}'
            package a:b;|world w { func(); }                          ~ 2:11: expected `import`, `export`, `include`, `use`, or type definition, found keyword `func`
            package a:b;|world w { import 1; }                        ~ 2:18: expected an identifier or string, found an integer
            package a:b;|@foo interface i {}                          ~ 2:2: unknown attribute `foo`
            package a:b;|@since(versio = 1.0.0) interface i {}        ~ 2:8: expected `version`, found `versio`
            package a:b;|@since(version = 1.0) interface i {}         ~ 2:21: expected '.', found ')'
            package a:b@1.0.0;|@since(version = 1.0.0) @since(version = 1.0.0) interface i {} ~ 2:26: cannot specify @since twice
            package a:b@1.0.0;|@since(version = 1.0.0) @unstable(feature = x) interface i {} ~ 2:2: cannot specify both @since and @unstable
            package a:b@1.0.0;|@deprecated(version = 1.0.0) interface i {} ~ 2:2: @deprecated requires @since or @unstable
            package a:b;|@since(version = 1.0.0) interface i {}       ~ 2:35: package [a:b] contains a feature gate with a version specifier, so it must have a version
            package a:b@1.0.0;|@since(version = 1.0.1) interface i {} ~ 2:35: feature gate cannot reference unreleased version 1.0.1 of package [a:b@1.0.0] (current version 1.0.0)
            package a:b@01.0.0;                                       ~ 1:13: version '01.0.0' is not SemVer 2.0.0 (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])
            package a:b;|interface Foo {}                             ~ 2:11: invalid character in identifier 'o'
            package a:b;|interface foo- {}                            ~ 2:11: identifiers must have characters between '-'s
            package a:b;|interface foo--bar {}                        ~ 2:11: identifiers must have characters between '-'s
            package a:b;|interface 1foo {}                            ~ 2:11: expected an identifier or string, found an integer
            package a:b;|interface -foo {}                            ~ 2:11: expected an identifier or string, found `-`
            package a:b;|interface a_b {}                             ~ 2:11: invalid character in identifier '_'
            package a:b;|interface % {}                               ~ 2:11: identifiers must have characters between '-'s
            package a:b;|interface i { type x = u32; } $              ~ 2:31: unexpected character '$'
            package a:b;|/* unterminated                              ~ 2:1: unterminated block comment
            package a:b;|world w { @external-id("x) import f: func(); } ~ 2:47: unexpected end of file in string literal
            package a:b;|world w { @external-id("\\q") import f: func(); } ~ 2:26: invalid string escape 'q'
            interface i {}                                            ~ 1:1: no `package` header was found in any WIT file for this package
            package a:b;|package c:d;                                 ~ 2:12: expected '{', found ';'
            package a:b;|package c:d { package e:f {} }               ~ 2:23: nested packages must be placed at the top-level
            package a:b;|@since(version = 1.0.0) package c:d {}       ~ 2:25: cannot place attributes on nested packages
            package a:b;|package a:b {}                               ~ 1:9: package `a:b` is defined in two different locations
            package a:b;|interface i {}|interface i {}                ~ 3:11: duplicate item named `i`
            package a:b;|interface i {}|world i {}                    ~ 3:7: duplicate item named `i`
            package a:b;|interface i {}|use i as i;                   ~ 3:10: duplicate name `i` in this file
            package a:b;|use j as k;                                  ~ 2:5: interface or world `j` does not exist
            package a:b;|interface i {}|@since(version = 1.0.0) use i as j; ~ 3:25: attributes not allowed on top-level use
            package a:b;|interface i { use j.{t}; }                   ~ 2:19: interface or world `j` does not exist
            package a:b;|interface i { use i.{t}; }                   ~ 2:11: interface or world `i` depends on itself
            package a:b;|interface i { use j.{t}; }|interface j { use i.{u}; } ~ 3:11: interface or world `j` depends on itself
            package a:b;|interface i { use j.{t}; }|interface j {}    ~ 2:22: name `t` does not exist
            package a:b;|interface i { use j.{f}; }|interface j { f: func(); } ~ 2:22: cannot import function `f`
            package a:b;|interface i { use w.{t}; }|world w {}        ~ 2:19: name `w` is defined as a world, not an interface
            package a:b;|world w { include i; }|interface i {}        ~ 2:19: name `i` is defined as an interface, not a world
            package a:b;|world w { include v; }|world v { include w; } ~ 3:7: interface or world `v` depends on itself
            package a:b;|interface i { type t = u32; type t = u64; }  ~ 2:34: name `t` is defined more than once
            package a:b;|interface i { type t = u32; t: func(); }     ~ 2:29: name `t` is defined more than once
            package a:b;|interface i { f: func(); f: func(); }        ~ 2:26: name `f` is defined more than once
            package a:b;|interface i { type t = u; }                  ~ 2:24: type `u` does not exist
            package a:b;|interface i { type t = float64; }            ~ 2:24: type `float64` does not exist|the `float64` type has been renamed to `f64` and is no longer accepted
            package a:b;|interface i { f: func(x: u); }               ~ 2:26: name `u` does not exist
            package a:b;|interface i { f: func(); g: func(x: f); }    ~ 2:37: cannot use function `f` as a type
            package a:b;|interface i { type a = b; type b = a; }      ~ 2:24: type `b` depends on itself
            package a:b;|interface i { record r { x: option<r> } }    ~ 2:36: type `r` depends on itself
            package a:b;|interface i { variant v {} }                 ~ 2:23: empty variant
            package a:b;|interface i { enum e {} }                    ~ 2:20: empty enum
            package a:b;|interface i { type m = map<f32, u8>; }       ~ 2:24: invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string
            package a:b;|interface i { f: func(a: u32, a: u32); }     ~ 2:31: param `a` is defined more than once
            package a:b;|interface i { resource r { m: func(self: u32); } } ~ 2:36: param `self` is defined more than once
            package a:b;|interface i { record r {} type t = own<r>; } ~ 2:40: type `r` used in a handle must be a resource
            package a:b;|interface i { resource r { constructor(); constructor(); } } ~ 2:43: duplicate constructors
            package a:b;|interface i { resource r { m: func(); m: static func(); } } ~ 2:39: duplicate function name `m`
            package a:b;|interface i { resource r { constructor() -> u32; } } ~ 2:45: if a constructor return type is declared it must be a `result`
            package a:b;|interface i { resource r; resource s { constructor() -> result<r>; } } ~ 2:64: the `ok` type must be the resource being constructed
            package a:b;|interface i { resource r; f: func() -> borrow<r>; } ~ 2:27: function `f` returns a type which contains a `borrow<T>` which is not supported
            package a:b;|interface i { resource r; record x { b: borrow<r> } f: func() -> list<x>; } ~ 2:53: function `f` returns a type which contains a `borrow<T>` which is not supported
            package a:b;|world w { import i; }                        ~ 2:18: interface or world `i` does not exist
            package a:b;|world w { import w; }                        ~ 2:18: name `w` is defined as a world, not an interface
            package a:b;|interface i {}|world w { import i; import i; } ~ 3:28: interface cannot be imported more than once
            package a:b;|interface i {}|world w { export i; export i; } ~ 3:28: interface cannot be exported more than once
            package a:b;|world w { import f: func(); import f: func(); } ~ 2:36: import `f` conflicts with prior func of same name
            package a:b;|world w { type t = u32; import t: func(); }  ~ 2:32: import `t` conflicts with prior type of same name
            package a:b;|world w { export x: interface {} export x: func(); } ~ 2:41: export `x` conflicts with prior interface of same name
            package a:b;|world w { export f: func(); export F: func(); } ~ 2:7: export `F` in world `w` conflicts with export `f` (kebab-case identifiers are case-insensitive)
            package a:b;|world w { import x: a:c/i; }                 ~ 2:21: package 'a:c' not found. known packages:|    a:b
            package a:b;|package a:c { interface i {} }|world w { import a:c/j; } ~ 3:22: interface 'j' not found in package 'a:c'
            package a:b;|package a:c { world v {} }|world w { include a:c/u; } ~ 3:23: world 'u' not found in package 'a:c'
            package a:b;|package a:c { interface i {} }|interface j { use a:c/i.{t}; } ~ 3:26: type `t` not defined in interface
            package a:b;|package a:c { interface i { type t = u32; } }|interface j { use a:c/i.{t}; type x = own<t>; } ~ 3:43: type used in a handle must be a resource
            package a:b;|package a:c { interface i { use a:b/j.{t}; } }|interface j { use a:c/i.{t}; } ~ 3:19: package `a:c` creates a dependency cycle
            package a:b;|world v { import f: func(); }|world w { import f: func(); include v; } ~ 3:37: import of `f` shadows previously imported items
            package a:b;|world v { import f: func(); }|world w { include v with { g as h } } ~ 3:19: no import or export kebab-name `g`. Note that an ID does not support renaming
            package a:b;|interface a { type t = u32; }|interface b { use a.{t}; }|interface c { use b.{t}; }|world w { export a; export c; } ~ 5:7: interface `a:b/c` transitively depends on an interface in incompatible ways
            package a:b;|@unstable(feature = x) interface i { type t = u32; } ~ 2:43: found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is
            package a:b;|interface i { @unstable(feature = x) type t = u32; type u = t; } ~ 2:57: found a reference to a type which is excluded due to its feature not being activated
            package a:b;|@unstable(feature = x) interface i {}|world w { import i; } ~ 3:18: found a reference to a interface which is excluded due to its feature not being activated
            """)
    void reportsLocatedErrors(String wit, String expected) {
        WitException e = error(wit.strip());
        assertEquals(expected.strip().replace('|', '\n'), e.line() + ":" + e.column() + ": " + e.reason());
        assertEquals("test.wit:" + e.line() + ":" + e.column() + ": " + e.reason(), e.getMessage());
        assertEquals("test.wit", e.file());
    }

    @Test
    void rejectsCodepointsThatHideMeaning() {
        assertEquals("1:13: input contains bidirectional override codepoint U+202E",
                located(error("package a:b;\u202e")));
        assertEquals("1:13: control code U+000B is not allowed", located(error("package a:b;\u000b")));
        assertEquals("2:1: unexpected character '\\r'", located(error("package a:b;\n\rinterface i {}")));
    }

    @Test
    void locatesErrorsInDependencyText() {
        Map<String, String> deps = Map.of("x:y", "package x:y;\ninterface i { type t = nope; }");
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveText("main.wit",
                "package a:b;\ninterface j { use x:y/i.{t}; }", id -> deps.get(id.toString())));
        assertEquals("deps/x:y.wit:2:24: type `nope` does not exist", e.getMessage());
    }

    @Test
    void dependencyMustDeclareTheRequestedPackage() {
        WitException e = assertThrows(WitException.class, () -> WitResolver.resolveText("main.wit",
                "package a:b;\ninterface j { use x:y/i.{t}; }", id -> "package x:z;\ninterface i {}"));
        assertEquals("deps/x:y.wit:1:1: WIT supplied for package `x:y` declares package `x:z`", e.getMessage());
    }

    @Test
    void columnsCountCharactersNotBytes() {
        WitException e = error("package a:b;\n/// é ü\ninterface i { type t = nope; }".replace("/// é ü\n", "interface é {}\n"));
        assertEquals(2, e.line());
        assertEquals(11, e.column());
    }

    private static String located(WitException e) {
        return e.line() + ":" + e.column() + ": " + e.reason();
    }
}
