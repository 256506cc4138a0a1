package ai.asterai.protocol.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Corner cases checked against the reference parser (wasm-tools' wit-parser, run separately): each
 * case is preceded by {@code ===== ok} when the reference accepts it, or by the reference's error
 * message. A dummy world is appended to each, as the reference run needed one to embed.
 */
class WitReferenceParityTest {
    private static final String CASES = """
===== ok
package a:b;
interface i { type t = u32; }
===== ok
package a:b;
interface j { type a = u32; }
interface i { type a = u32; use j.{a}; }
===== name `a` is defined more than once
package a:b;
interface j { type a = u32; }
interface i { use j.{a}; type a = u32; }
===== name `a` is defined more than once
package a:b;
interface j { type a = u32; }
interface i { use j.{a, a}; }
===== name `b` is defined more than once
package a:b;
interface j { type a = u32; type b = u32; }
interface i { use j.{a as b, b}; }
===== ok
package a:b;
interface j {}
interface i { use j.{}; }
===== ok
package a:b;
interface i { record r { a: u32, a: u32 } }
===== ok
package a:b;
interface i { variant v { a, a } }
===== ok
package a:b;
interface i { enum e { a, a } }
===== ok
package a:b;
interface i { flags f { a, a } }
===== ok
package a:b;
interface i { flags f { } }
===== ok
package a:b;
interface i { record r { } }
===== ok
package a:b;
interface i { type t = tuple<>; }
===== ok
package a:b;
interface i { type t = list<u8, 0>; }
===== ok
package a:b;
interface i { type t = list<u8, 007>; }
===== invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string
package a:b;
interface i { type k = u32; type m = map<k, u8>; }
===== invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string
package a:b;
interface i { type m = map<f64, u8>; }
===== invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string
package a:b;
interface i { type m = map<error-context, u8>; }
===== ok
package a:b;
interface i { f: func(m: map<char, map<bool, s8>>); }
===== ok
package a:b;
interface i { resource r; f: func(x: borrow<r>); }
===== ok
package a:b;
interface i { resource r; type b = borrow<r>; f: func(x: b); }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; type b = borrow<r>; f: func() -> b; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; f: func() -> option<borrow<r>>; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; f: func() -> stream<borrow<r>>; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; f: func() -> future<borrow<r>>; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; variant v { a(borrow<r>) } f: func() -> v; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r; f: func() -> map<string, borrow<r>>; }
===== function `[constructor]r` returns a type which contains a `borrow<T>` which is not supported
package a:b;
interface i { resource r { constructor() -> result<r, borrow<r>>; } }
===== ok
package a:b;
interface i { resource r; type t = r; type o = own<t>; type b = borrow<t>; }
===== type `t` used in a handle must be a resource
package a:b;
interface i { resource r; type t = own<r>; type o = own<t>; }
===== type `x` does not exist
package a:b;
interface i { type o = own<x>; }
===== cannot use function `x` as a type
package a:b;
interface i { x: func(); f: func(a: own<x>); }
===== type `x` used in a handle must be a resource
package a:b;
interface i { record x {} f: func(a: own<x>); }
===== ok
package a:b;
interface i { resource r { constructor() -> rr; } type rr = result<r>; }
===== ok
package a:b;
interface i { resource r { constructor() -> rr; } type rr = result<r, string>; }
===== ok
package a:b;
interface i { resource r { constructor() -> result<own<r>>; } }
===== the `ok` type must be the resource being constructed
package a:b;
interface i { resource r { constructor() -> result<t>; } type t = r; }
===== the `ok` type must be the resource being constructed
package a:b;
interface i { resource r { constructor() -> result; } }
===== ok
package a:b;
interface i { resource r { %constructor: func(); } }
===== ok
package a:b;
interface i { resource r { s: static async func() -> u32; } }
===== ok
package a:b;
interface i { resource r { m: async func(); } }
===== ok
package a:b;
world w { import f: async func(); export g: async func(); }
===== param `self` is defined more than once
package a:b;
interface i { resource r { m: func(self: u32); } }
===== ok
package a:b;
interface i { resource r { m: static func(self: u32); } }
===== ok
package a:b;
interface i { resource r { constructor(self: u32); } }
===== ok
package a:b;
interface i { resource r { r: func(); } }
===== ok
package a:b;
interface i { resource r { f: func(); } f: func(); }
===== name `r` is defined more than once
package a:b;
interface i { resource r; r: func(); }
===== ok
package a:b;
world w { resource r { f: func(); } import f: func(); }
===== ok
package a:b;
world w { resource r; import f: func(x: r) -> own<r>; export g: func(x: borrow<r>); }
===== function `g` returns a type which contains a `borrow<T>` which is not supported
package a:b;
world w { resource r; export g: func() -> borrow<r>; }
===== ok
package a:b;
interface t {}
world w { type t = u32; import t; }
===== import `t` conflicts with prior type of same name
package a:b;
interface i { type t = u32; }
world w { use i.{t}; import t: func(); }
===== ok
package a:b;
world w { type t = u32; export t: func(); }
===== name `t` does not exist
package a:b;
world w { type t = u32; import x: interface { f: func(a: t); } }
===== interface or world `w` depends on itself
package a:b;
world w { include w; }
===== name `i` is defined as an interface, not a world
package a:b;
interface i {}
world w { include i; }
===== no import or export kebab-name `y`. Note that an ID does not support renaming
package a:b;
world v { import x: func(); }
world w { include v with { y as z } }
===== import of `z` shadows previously imported items
package a:b;
world v { import x: func(); }
world w { import z: func(); include v with { x as z } }
===== no import or export kebab-name `i`. Note that an ID does not support renaming
package a:b;
interface i {}
world v { import i; }
world w { include v with { i as z } }
===== import of `x` shadows previously imported items
package a:b;
world v { import x: func(); }
world w { include v; include v; }
===== export of `x` shadows previously exported items
package a:b;
world v { export x: func(); }
world w { export x: func(); include v; }
===== ok
package a:b;
world v { resource r { constructor(); m: func(); s: static func(); } import f: func(x: borrow<r>); }
world w { include v with { r as q } }
===== ok
package a:b;
world v { import x: interface { type t = u32; f: func(a: t); } }
world w { include v with { x as y } }
===== ok
package a:b;
world v { import x: func(); }
world w { @unstable(feature = nope) include v; }
===== ok
package a:b;
world v { import x: func(); }
world w { @unstable(feature = active) include v; }
===== ok
package a:b;
world w { import f: func(); export F: func(); }
===== import `T` in world `w` conflicts with import `t` (kebab-case identifiers are case-insensitive)
package a:b;
world w { type t = u32; type T = u32; }
===== ok
package a:b;
interface i { type t = u32; type T = u32; }
===== ok
package a:b;
interface i { f: func(a: u32, A: u32); }
===== ok
package a:b;
world w {}
world W {}
===== import `X` in world `w` conflicts with import `x` (kebab-case identifiers are case-insensitive)
package a:b;
world w { import x: interface {} import X: interface {} }
===== import `X` in world `w` conflicts with import `x` (kebab-case identifiers are case-insensitive)
package a:b;
interface i {}
world w { import x: i; import X: i; }
===== ok
package a:b;
interface i {}
world w { import x: i; import y: i; import i; }
===== ok
package a:b;
interface i {}
world w { import x: i; export x: i; }
===== ok
package a:b;
package c:d { interface i {} }
world w { import x: c:d/i; export y: c:d/i; }
===== ok
package a:b;
interface b {}
world w { import a:b; }
===== name `v` is defined as a world, not an interface
package a:b;
world v {}
world w { import x: v; }
===== interface or world `nope` does not exist
package a:b;
world w { import x: nope; }
===== package `a:b@1.0.0` creates a dependency cycle
package a:b@1.0.0;
interface i {}
world w { import a:b/i@1.0.0; }
===== package `a:b` creates a dependency cycle
package a:b;
interface i {}
world w { import a:b/i; }
===== package `a:b` creates a dependency cycle
package a:b;
interface i { type t = u32; }
interface j { use a:b/i.{t}; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world w { import b; export a; export b; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
interface c { use b.{t}; }
world w { export a; export b; export c; }
===== ok
package a:b;
interface a { type t = u32; }
world w { export a; export x: interface { use a.{t}; } }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world w { export a; export x: b; }
===== ok
package a:b;
interface a { type t = u32; }
world w { import a; export a; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
interface c { use a.{t}; }
world w { export b; export c; }
===== ok
package a:b;
interface a { type t = u32; }
world w { use a.{t}; export f: func(x: t); }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
world w { @unstable(feature = nope) type t = u32; }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
interface i { type t = u32; }
world w { @unstable(feature = nope) use i.{t}; }
===== ok
package a:b;
world w { @unstable(feature = nope) import f: func(); }
===== ok
package a:b;
interface i { @unstable(feature = nope) type t = u32; @unstable(feature = nope) f: func(x: t); }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
interface i { @unstable(feature = nope) type t = u32; f: func(x: list<t>); }
===== found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is
package a:b@1.0.0;
@unstable(feature = nope)
interface i { @since(version = 1.0.0) type t = u32; }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
interface i { @unstable(feature = nope) resource r { m: func(); } }
===== ok
package a:b;
interface i { @unstable(feature = nope) resource r { @unstable(feature = nope) m: func(); } }
===== package [a:b] contains a feature gate with a version specifier, so it must have a version
package a:b;
interface i { @since(version = 1.0.0) f: func(); }
===== ok
package a:b@2.0.0;
interface i { @since(version = 1.0.0) @deprecated(version = 3.0.0) f: func(); }
===== cannot specify @deprecated twice
package a:b@2.0.0;
interface i { @since(version = 1.0.0) @deprecated(version = 1.0.0) @deprecated(version = 1.0.0) f: func(); }
===== cannot specify @unstable twice
package a:b;
interface i { @unstable(feature = x) @unstable(feature = y) f: func(); }
===== ok
package a:b@1.0.0-rc.1;
interface i { @since(version = 1.0.0-rc.1) f: func(); }
===== feature gate cannot reference unreleased version 1.0.0 of package [a:b@1.0.0-rc.1] (current version 1.0.0-rc.1)
package a:b@1.0.0-rc.1;
interface i { @since(version = 1.0.0) f: func(); }
===== ok
package a:b;
interface i { @external-id("foo/0") f: func(); }
world w { @external-id("x:y") import f: func(); }
===== cannot specify @external-id twice
package a:b;
interface i { @external-id("a") @external-id("b") f: func(); }
===== ok
package a:b;
@external-id("a") interface i {}
===== unknown attribute `foo`
package a:b;
@foo(bar = baz) interface i {}
===== attributes not allowed on top-level use
package a:b;
interface i {}
@since(version = 1.0.0) use i as j;
===== ok
package a:b@1.0.0;
world v {}
world w { @since(version = 1.0.0) include v; }
===== ok
package a:b@1.0.0;
interface i { type t = u32; }
world w { @since(version = 1.0.0) use i.{t}; }
===== ok
package a:b;
interface i { f: func() -> tuple<u32, string>; }
===== ok
package a:b;
interface i { type a-b-c = u32; type ABC-DEF = u32; type a1-2b = u32; type x0 = u32; }
===== invalid character in identifier 'B'
package a:b;
interface i { type aB = u32; }
===== ok
package a:b;
interface i { type a-1 = u32; }
===== invalid character in identifier 'é'
package a:b;
interface i { type café = u32; }
===== invalid character in identifier '_'
package a:b;
interface i { type a_b = u32; }
===== ok
package a:b;
interface %interface { type %type = u32; %func: func(%u32: %type); }
===== ok
package a:b;
interface i { type %A-b = u32; }
===== ok
package %package:%world;
interface i {}
===== ok
package a:b@1.0.0+20130313144700;
===== value of major version number exceeds u64::MAX
package a:b@18446744073709551616.0.0;
===== ok
package a:b;
package c:d@2.0.0-alpha.1 { interface i {} }
world w { import c:d/i@2.0.0-alpha.1; }
===== ok
package a:b;
package c:d@2.0.0-alpha { interface i { type t = u32; } }
interface j { use c:d/i@2.0.0-alpha.{t}; }
===== ok
package a:b;
/// docs
package c:d { interface i {} }
===== ok
package a:b;
package c:d {}
===== ok
package a:b;
package c:d { interface i { type t = u32; } }
use c:d/i as ci;
world w { import ci; }
interface j { use ci.{t}; }
===== name `cv` is defined as an interface, not a world
package a:b;
package c:d { world v {} }
use c:d/v as cv;
world w { include cv; }
===== ok
package a:b;
package c:d { interface i {} world v { import i; } }
world w { include c:d/v; }
===== name `v` is defined as a world, not an interface
package a:b;
package c:d { world v {} }
world w { include c:d/v; import c:d/v; }
===== world 'i' not found in package 'c:d'
package a:b;
package c:d { interface i {} }
world w { include c:d/i; }
===== package 'x:y' not found. known packages:
package a:b;
interface i { use x:y/z.{t}; }
===== package 'x:y' not found. known packages:
package a:b;
interface i { @unstable(feature = nope) use x:y/z.{t}; }
===== ok
package a:b;
package c:d { }
world w { @unstable(feature = nope) import c:d/z; }
===== ok
package a:b;
package c:d { interface i {} }
interface j { @unstable(feature = nope) use c:d/i.{t}; }
===== ok
package a:b;
package c:d { interface i {} }
interface j { @unstable(feature = nope) use c:d/i.{t}; }
world w { import c:d/i; }
===== type used in a handle must be a resource
package a:b;
package c:d { interface i { record r {} } }
interface j { use c:d/i.{r}; type o = own<r>; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
package c:d { interface i { resource r; type t = r; } }
interface j { use c:d/i.{t}; type o = own<t>; f: func(x: t) -> borrow<t>; }
===== ok
package a:b;
package c:d { interface i { resource r; } }
interface j { use c:d/i.{r}; f: func(x: borrow<r>); }
===== package `e:f` creates a dependency cycle
package a:b;
package c:d { interface i { use e:f/j.{t}; type u = u32; } }
package e:f { interface j { use c:d/i.{u}; type t = u32; } }
===== package `a:b` creates a dependency cycle
package a:b;
interface i { type t = u32; }
interface j { use a:b/i.{t}; }
world w { import a:b/i; }
===== package `c:d` is defined in two different locations
package a:b;
package c:d {}
package c:d {}
===== package `a:b` is defined in two different locations
package a:b;
package a:b {}
===== ok
package a:b;
package c:d@1.0.0 { interface i {} }
package c:d@2.0.0 { interface i {} }
world w { import c:d/i@1.0.0; import c:d/i@2.0.0; }
===== package 'c:d' not found. known packages:
package a:b;
package c:d@1.0.0 { interface i {} }
world w { import c:d/i; }
===== duplicate name `x` in this file
package a:b;
interface i {}
use i as x;
use i as x;
===== duplicate name `x` in this file
package a:b;
interface i {}
interface x {}
use i as x;
===== name `x` is defined as a world, not an interface
package a:b;
world v {}
use v as x;
world w { import x; }
===== interface or world `x` does not exist
package a:b;
interface i {}
use i as x;
use x as y;
===== name `x` is defined as a world, not an interface
package a:b;
world v {}
use v as x;
interface i { use x.{t}; }
===== interface cannot be imported more than once
package a:b;
interface i {}
use i as x;
world w { import i; import x; }
===== ok
package a:b;
interface f {}
world w { import f; import f: func(); }
===== ok
package a:b;
world w { import x: interface { resource r { constructor(); m: func() -> r; } f: func(a: borrow<r>); } }
===== ok
package a:b;
interface i { type t = u32; }
world w { import x: interface { use i.{t}; f: func() -> t; } export y: interface { use i.{t}; } }
===== name `t` does not exist
package a:b;
interface i {}
world w { import x: interface { use i.{t}; } }
===== ok
package a:b;
interface x {}
world w { import x: interface {} import x; }
===== import `x` conflicts with prior func of same name
package a:b;
world w { import x: func(); import x: interface {} }
===== export `x` conflicts with prior func of same name
package a:b;
world w { export x: func(); export x: interface {} }
===== ok
package a:b;
interface i { type t = list<list<list<list<list<list<list<list<list<list<u8>>>>>>>>>>; }
===== expected a type, found keyword `_`
package a:b;
interface i { type a = result<u8, _>; }
===== expected a type, found '>'
package a:b;
interface i { type a = result<u8,>; }
===== ok
package a:b;
interface i { type a = tuple<u8,>; }
===== expected '<', found ';'
package a:b;
interface i { type a = option; }
===== expected '<', found ';'
package a:b;
interface i { type a = list; }
===== expected '<', found ';'
package a:b;
interface i { resource r; type a = own; }
===== ok
package a:b;
interface i { type a = future<stream<future>>; f: func(x: stream) -> future; }
===== ok
package a:b;
interface i { f: func(e: error-context) -> result<_, error-context>; }
===== ok
package a:b;
/// i
interface i {
  /// r
  record r {
    /// a
    a: u32,
  }
  /// f
  f: func(
    /// x
    x: u32,
  );
}
===== ok
package a:b;
interface /* c */ i /* d */ { type /* e */ t = /* f */ u32 /* g */; }
===== ok
package a:b;
interface i {} // trailing
===== unterminated block comment
package a:b;
/* a /* b */
interface i {}
===== expected '{', found ';'
interface i {}
package a:b;
===== expected '{', found ';'
package a:b;
package a:b;
===== ok
package a:b@1.0.0;
package a:b@2.0.0 { interface i {} }
===== ok
package a:b;
package c:d { interface i { type t = u32; } world v { import i; export e: func(); } }
world w { include c:d/v; export e2: func(); }
===== ok
package a:b@1.0.0;
package c:d@2.0.0 { interface i {} world v { @since(version = 2.0.0) import i; } }
world w { include c:d/v@2.0.0; @since(version = 1.0.0) import c:d/i@2.0.0; }
===== ok
package a:b@1.0.0;
interface i {}
world v { @since(version = 1.0.0) import i; }
world w { @since(version = 1.0.0) import i; include v; }
===== ok
package a:b@1.0.0;
interface i {}
world v { import i; }
world w { @since(version = 1.0.0) import i; include v; }
===== ok
package a:b@1.0.0;
interface i {}
world v { @since(version = 1.0.0) import i; }
world w { import i; include v; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world v { export b; }
world w { include v; export a; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world v { import b; }
world w { include v; export a; export b; }
===== ok
package a:b;
world v { type t = u32; import f: func(x: t); }
world w { include v with { t as u } }
===== ok
package a:b;
interface i { type t = u32; }
world v { use i.{t}; import f: func(x: t); }
world w { include v with { t as u } }
===== import of `t` shadows previously imported items
package a:b;
world v { type t = u32; }
world w { type t = u32; include v; }
===== import of `t` shadows previously imported items
package a:b;
world v { type t = u32; }
world u { type t = u64; }
world w { include v; include u; }
===== ok
package a:b;
interface i {}
world v { import i; export i; }
world u { import i; export i; }
world w { include v; include u; }
===== import of `x` shadows previously imported items
package a:b;
world v { import x: interface {} }
world u { import x: interface {} }
world w { include v; include u; }
===== import `F` in world `w` conflicts with import `f` (kebab-case identifiers are case-insensitive)
package a:b;
world v { import f: func(); }
world u { import F: func(); }
world w { include v; include u; }
===== import `G` in world `w` conflicts with import `g` (kebab-case identifiers are case-insensitive)
package a:b;
world v { import f: func(); }
world w { import g: func(); include v with { f as G } }
===== ok
package a:b;
world v { import f: func(); }
world w { include v with { f as g, f as h } }
===== no import or export kebab-name `m`. Note that an ID does not support renaming
package a:b;
world v { resource r { m: func(); } }
world w { include v with { m as n } }
===== ok
package a:b;
interface i {}
world v { import x: i; }
world w { include v with { x as y } import x: func(); }
===== found a reference to a world which is excluded due to its feature not being activated
package a:b;
@unstable(feature = nope) world v {}
world w { include v; }
===== ok
package a:b;
@unstable(feature = nope) world v {}
world w { @unstable(feature = nope) include v; }
===== ok
package a:b;
@unstable(feature = nope) interface i {}
world w { @unstable(feature = nope) import i; }
===== found a reference to a interface which is excluded due to its feature not being activated
package a:b;
@unstable(feature = nope) interface i {}
world w { import x: i; }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
@unstable(feature = nope) interface i { @unstable(feature = nope) type t = u32; }
interface j { use i.{t}; }
===== ok
package a:b;
@unstable(feature = nope) interface i { @unstable(feature = nope) type t = u32; }
interface j { @unstable(feature = nope) use i.{t}; }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
interface i { type t = u32; }
interface j { @unstable(feature = nope) use i.{t}; f: func(x: t); }
===== found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is
package a:b;
world w { @unstable(feature = nope) import x: interface { type t = u32; } }
===== ok
package a:b;
world w { @unstable(feature = nope) import x: interface { @unstable(feature = nope) type t = u32; } }
===== found a reference to a world which is excluded due to its feature not being activated; this type is not gated by a feature but its world is
package a:b;
@unstable(feature = nope) world w { type t = u32; }
===== ok
package a:b;
@unstable(feature = nope) world w { import x: interface { type t = u32; } }
===== found a reference to a type which is excluded due to its feature not being activated
package a:b;
interface i { @unstable(feature = nope) resource r { constructor(); } }
===== ok
package a:b;
@unstable(feature = nope) interface i { f: func(); }
===== ok
package a:b@1.0.0;
@since(version = 1.0.0) interface i { @since(version = 0.9.0) f: func(); }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world w { @unstable(feature = active) import b; }
===== ok
package a:b;
interface a { resource r; }
world w { use a.{r}; export f: func(x: r); export a; }
===== ok
package a:b;
interface a { type t = u32; }
interface b { use a.{t}; }
world w { use a.{t}; export b; }
===== ok
package a:b;
interface a { type t = u32; }
world w { use a.{t}; export a; }
===== import of `f1` shadows previously imported items
package a:b;
world w1 { import f1: func(); }
world w2 { include w1; import f2: func(); }
world w3 { include w2; import f3: func(); }
world w4 { include w3; include w1; }
===== import of `t` shadows previously imported items
package a:b;
interface i { type t = u32; }
world w1 { use i.{t}; }
world w2 { include w1; }
world w3 { include w1; }
world w4 { include w2; include w3; }
===== import of `t` shadows previously imported items
package a:b;
world w1 { type t = u32; }
world w2 { include w1; }
world w3 { include w1; }
world w4 { include w2; include w3; }
===== function `f` returns a type which contains a `borrow<T>` which is not supported
package a:b;
package c:d { interface i { resource r; record x { b: borrow<r> } } }
world w { use c:d/i.{x}; import f: func() -> x; }
===== ok
package a:b;
package c:d { interface i { resource r; } }
world w { use c:d/i.{r}; import f: func() -> r; }
===== type used in a handle must be a resource
package a:b;
package c:d { interface i { record q {} type r = q; } }
interface j { use c:d/i.{r}; type x = borrow<r>; }
===== ok
package a:b;
use z as y;
interface x { use y.{t}; }
interface z { type t = u32; }
===== interface or world `z` depends on itself
package a:b;
use z as y;
interface x { use y.{t}; type u = u32; }
interface z { use x.{u}; type t = u32; }
===== name `w` is defined as a world, not an interface
package a:b;
world w { type t = u32; }
interface i { use w.{t}; }
===== interface cannot be imported more than once
package a:b;
interface i { type t = u32; }
use i as j;
interface k { use j.{t}; }
world w { import j; import i; }
===== package [a:b] contains a feature gate with a version specifier, so it must have a version
package a:b;
/// doc
@since(version = 1.0.0)
/// more doc
interface i {}
===== ok
package a:b@1.0.0;
@since(version = 1.0.0)
/// doc after attr
interface i {}
===== ok
package a:b;
interface i { @unstable(feature = x) use j.{t}; }
interface j { type t = u32; }
===== ok
package a:b;
interface i { resource r { @unstable(feature = active) constructor(); } }
===== expected an identifier or string, found `@`
package a:b;
interface i { record r { @unstable(feature = active) a: u32 } }
===== ok
package a:b;
world w { @unstable(feature = active) export f: func(); }
===== ok
package a:b;
world w { /// doc
 import f: func(); }
===== expected an identifier or string, found ','
package a:b;
interface i { f: func(a: u32,,); }
===== expected an identifier or string, found ','
package a:b;
interface i { f: func(,); }
===== expected a type, found ';'
package a:b;
interface i { f: func() -> ; }
===== expected ';', found '}'
package a:b;
interface i { f: func() }
===== expected '(', found ';'
package a:b;
interface i { f: func; }
===== expected keyword `func`, found keyword `static`
package a:b;
interface i { f: static func(); }
===== expected keyword `func`, found keyword `async`
package a:b;
interface i { f: async async func(); }
===== expected ';', found '.'
package a:b;
interface i { use j.{t}. }
===== expected '.', found ';'
package a:b;
interface i { use j; }
===== ok
package a:b;
interface i { use j.{t,}; }
interface j { type t = u32; }
===== expected an identifier or string, found '}'
package a:b;
interface i { use j.{t as}; }
===== expected an identifier or string, found ','
package a:b;
interface i { use j.{,}; }
===== expected `import`, `export`, `include`, `use`, or type definition, found ';'
package a:b;
world w { include v with {}; }
===== ok
package a:b;
world v {}
world w { include v with {} }
===== ok
package a:b;
world v { import f: func(); }
world w { include v with { f as g, } }
===== expected `import`, `export`, `include`, `use`, or type definition, found ';'
package a:b;
world v {}
world w { include v with { } ; }
===== expected an identifier or string, found ';'
package a:b;
world w { import; }
===== expected an identifier or string, found ';'
package a:b;
world w { import f: ; }
===== expected keyword `func`, found ';'
package a:b;
world w { import f: async; }
===== expected '{', found ';'
package a:b;
world w { import f: interface; }
===== interface or world `b` does not exist
package a:b;
world w { import a:b; }
===== expected an identifier or string, found ';'
package a:b;
world w { import a:b/; }
===== expected an integer, found ';'
package a:b;
world w { import a:b/c@; }
===== package 'a:b@1.0.0' not found. known packages:
package a:b;
world w { import x: a:b/c@1.0.0; }
===== expected ';', found '}'
package a:b;
world w { export f: func() }
===== expected a type, found ')'
package a:b;
interface i { variant v { a(), } }
===== expected ')', found ','
package a:b;
interface i { variant v { a(u32, u32) } }
===== expected '}', found '('
package a:b;
interface i { enum e { a(u32) } }
===== expected ':', found '}'
package a:b;
interface i { record r { a } }
===== expected ';', found '}'
package a:b;
interface i { resource r }
===== expected `type`, `resource` or `func`, found ';'
package a:b;
interface i { resource r {}; }
===== ok
package a:b;
interface i { resource r { constructor() ; } }
===== expected '(', found ';'
package a:b;
interface i { resource r { constructor; } }
===== type `u32` does not exist
package a:b;
interface i { type t = borrow<%u32>; }
===== type `u32` does not exist
package a:b;
interface i { type t = %u32; }
===== ok
package a:b;
interface i { type %u32 = u32; type t = %u32; }
===== expected fixed-length, found `-`
package a:b;
interface i { type t = list<u8, -1>; }
===== ok
package a:b;
interface i { type t = list<u8, 4294967295>; }
===== invalid list size: number too large to fit in target type
package a:b;
interface i { type t = list<u8, 4294967296>; }
===== expected ',', found '>'
package a:b;
interface i { type t = map<string>; }
===== expected '>', found ','
package a:b;
interface i { type t = map<string, u8, u8>; }
===== expected a type, found '>'
package a:b;
interface i { type t = future<>; }
===== expected '<', found ';'
package a:b;
interface i { type t = tuple; }
===== expected a type, found keyword `_`
package a:b;
interface i { type t = result<_, _>; }
===== expected a type, found '>'
package a:b;
interface i { type t = result<>; }
===== expected ')', found ','
package a:b;
@since(version = 1.0.0, feature = x) interface i {}
===== ok
package a:b;
@unstable(feature = X-Y) interface i {}
===== ok
package a:b;
@unstable(feature = %type) interface i {}
===== expected '(', found keyword `interface`
package a:b;
@unstable interface i {}
===== expected an identifier or string, found keyword `interface`
package a:b;
@ interface i {}
===== package [a:b] contains a feature gate with a version specifier, so it must have a version
package a:b;
@since(version = 1.0.0-) interface i {}
===== ok
package a:b@1.0.0-;
===== ok
package a:b@1.0.0+;
===== expected '{', found '.'
package a:b@1.0.0-a..b;
===== expected '{', found '.'
package a:b@1.0.0-a.;
===== ok
package a:b@1.0.0 ;
===== ok
package a : b ;
===== expected '{', found ':'
package a:b:c;
===== expected '{', found `/`
package a:b/c;
===== expected ':', found ';'
package a;
===== expected '{', found keyword `interface`
package a:b
interface i {}
===== package `a:b` creates a dependency cycle
package a:b;
use a:b/c;
===== expected ';', found '.'
package a:b;
use c.{d};
===== duplicate name `i` in this file
package a:b;
use i;
interface i {}
===== ok
package a:b;
interface i {}
use i as %interface;
===== ok
package a:b;
world w { use i.{t}; }
interface i { type t = u32; }
===== name `t` is defined more than once
package a:b;
world w { type t = u32; type t = u32; }
===== name `r` is defined more than once
package a:b;
world w { resource r; resource r; }
===== import `r` conflicts with prior type of same name
package a:b;
world w { resource r { constructor(); } import r: func(); }
===== identifiers must have characters between '-'s
package a:b;
world w { resource r { constructor(); } import %[constructor]r: func(); }
===== identifiers must have characters between '-'s
package a:b;
interface i { %[method]r.x: func(); }
===== ok
package a:b;
interface i {}
world w { export i; import i; }
===== name `i` does not exist
package a:b;
interface i { f: func(x: own<i>); }
===== ok
package a:b;
interface i { type i = u32; f: func(x: i); }
===== ok
package a:b;
interface i { record i { a: u32 } }
===== ok
package a:b;
world w { type w = u32; }
===== ok
package a:b;
world w { import w: func(); }
===== ok
package a:b;
world w { import w: interface {} }
            """;

    @TestFactory
    Stream<DynamicTest> behavesLikeTheReference() {
        String[] parts = Pattern.compile("^===== ", Pattern.MULTILINE).split(CASES.strip());
        return Stream.of(parts).filter(p -> !p.isBlank()).map(part -> {
            int eol = part.indexOf('\n');
            String expected = part.substring(0, eol);
            String wit = part.substring(eol + 1) + "\nworld zzoracle {}\n";
            return DynamicTest.dynamicTest(expected + ": " + wit.lines().skip(1).findFirst().orElse(""), () -> {
                String actual;
                try {
                    WitResolver.resolveText("t.wit", wit, DepsProvider.NONE, Set.of("active"));
                    actual = "ok";
                } catch (WitException e) {
                    actual = e.reason().lines().findFirst().orElseThrow();
                }
                assertEquals(expected, actual, wit);
            });
        });
    }
}
