package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType.Primitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A package whose names are resolved within itself but not yet linked to its dependencies and not yet
 * filtered by feature gates. Items are mutable objects compared by identity; references to other
 * packages are placeholder interfaces, worlds and types marked {@code foreign}.
 */
final class Draft {
    private Draft() {
    }

    static final class Package {
        final WitPackageName name;
        final Span nameSpan;
        final String docs;
        /** Local named interfaces in dependency order, then inline world interfaces as they were met. */
        final List<Interface> interfaces = new ArrayList<>();
        /** Local worlds in dependency order. */
        final List<World> worlds = new ArrayList<>();
        /** Local types in the order they were defined (dependencies first). */
        final List<Type> types = new ArrayList<>();
        /** Placeholder types for names {@code use}d from other packages. */
        final List<Type> foreignTypes = new ArrayList<>();
        final Map<WitPackageName, ForeignPackage> foreign = new LinkedHashMap<>();
        /** Foreign types used in {@code own}/{@code borrow}, to be checked for being resources when linked. */
        final List<RequiredResource> requiredResources = new ArrayList<>();

        Package(WitPackageName name, Span nameSpan, String docs) {
            this.name = name;
            this.nameSpan = nameSpan;
            this.docs = docs;
        }
    }

    /** A referenced package; {@code span} is its first mention (for "not found" and cycle errors). */
    static final class ForeignPackage {
        final Span span;
        final Map<String, ForeignItem> items = new LinkedHashMap<>();

        ForeignPackage(Span span) {
            this.span = span;
        }
    }

    /** An interface or world of another package, with the gates of every path that mentions it. */
    static final class ForeignItem {
        final Object target;
        final List<Gate> gates = new ArrayList<>();

        ForeignItem(Object target) {
            this.target = target;
        }
    }

    record RequiredResource(Type type, Span span) {
    }

    static final class Interface {
        /** Null for an inline world interface. */
        final String name;
        final Span span;
        final boolean foreign;
        /** For an inline interface: its world, direction and item name. */
        final World inlineWorld;
        final boolean inlineExport;
        final String inlineName;
        String docs;
        Gate gate = Gate.NONE;
        final Map<String, Type> types = new LinkedHashMap<>();
        final List<Function> functions = new ArrayList<>();
        /** Every name defined in the interface: a {@link Type} or {@link #FUNCTION}; used by {@code use}. */
        final Map<String, Object> lookup = new LinkedHashMap<>();

        Interface(String name, Span span, boolean foreign) {
            this(name, span, foreign, null, false, null);
        }

        Interface(String name, Span span, boolean foreign, World inlineWorld, boolean inlineExport, String inlineName) {
            this.name = name;
            this.span = span;
            this.foreign = foreign;
            this.inlineWorld = inlineWorld;
            this.inlineExport = inlineExport;
            this.inlineName = inlineName;
        }
    }

    /** Marks a function name in {@link Interface#lookup}. */
    static final Object FUNCTION = new Object();

    static final class World {
        final String name;
        final Span span;
        final boolean foreign;
        String docs;
        Gate gate = Gate.NONE;
        /** Keyed by a plain name (String) or, for {@code import ns:pkg/iface;}, by the {@link Interface}. */
        final Map<Object, WorldItem> imports = new LinkedHashMap<>();
        final Map<Object, WorldItem> exports = new LinkedHashMap<>();
        final List<Include> includes = new ArrayList<>();

        World(String name, Span span, boolean foreign) {
            this.name = name;
            this.span = span;
            this.foreign = foreign;
        }
    }

    record Include(Gate gate, World world, List<Ast.IncludeName> names, Span span) {
    }

    sealed interface WorldItem permits InterfaceItem, FunctionItem, TypeItem {
        Span span();

        Gate gate();
    }

    /** An interface import/export: inline, by path ({@code label} null) or labelled. */
    record InterfaceItem(Interface iface, String label, boolean inline, String docs, Gate gate, Span span)
            implements WorldItem {
    }

    record FunctionItem(Function function) implements WorldItem {
        public Span span() {
            return function.span;
        }

        public Gate gate() {
            return function.gate;
        }
    }

    record TypeItem(Type type, Span span) implements WorldItem {
        public Gate gate() {
            return type.gate;
        }
    }

    static final class Type {
        final String name;
        /** The {@link Interface} or {@link World} defining it. */
        final Object owner;
        final Kind kind;
        final String docs;
        final Gate gate;
        final Span span;

        Type(String name, Object owner, Kind kind, String docs, Gate gate, Span span) {
            this.name = name;
            this.owner = owner;
            this.kind = kind;
            this.docs = docs;
            this.gate = gate;
            this.span = span;
        }
    }

    sealed interface Kind permits Alias, Record, Variant, Enum, Flags, Resource, Unknown {
    }

    record Alias(Ty target) implements Kind {
    }

    record Record(List<Field> fields) implements Kind {
    }

    record Field(String name, Ty type, String docs) {
    }

    record Variant(List<Case> cases) implements Kind {
    }

    record Case(String name, Ty type, String docs) {
    }

    record Enum(List<Member> cases) implements Kind {
    }

    record Flags(List<Member> flags) implements Kind {
    }

    record Member(String name, String docs) {
    }

    record Resource() implements Kind {
    }

    /** A type {@code use}d from another package, known once that package is linked. */
    record Unknown() implements Kind {
    }

    /** A type expression whose named references point at {@link Type} objects. */
    sealed interface Ty permits Prim, Ref, ListOf, FixedList, MapOf, OptionOf, ResultOf, TupleOf, Own, Borrow,
            FutureOf, StreamOf {
    }

    record Prim(Primitive primitive) implements Ty {
    }

    record Ref(Type type) implements Ty {
    }

    record ListOf(Ty element) implements Ty {
    }

    record FixedList(Ty element, long size) implements Ty {
    }

    record MapOf(Ty key, Ty value) implements Ty {
    }

    record OptionOf(Ty inner) implements Ty {
    }

    record ResultOf(Ty ok, Ty err) implements Ty {
    }

    record TupleOf(List<Ty> types) implements Ty {
    }

    record Own(Type resource) implements Ty {
    }

    record Borrow(Type resource) implements Ty {
    }

    record FutureOf(Ty inner) implements Ty {
    }

    record StreamOf(Ty inner) implements Ty {
    }

    static final class Function {
        final String name;
        final FunctionKind kind;
        final Type resource;
        final boolean async;
        final List<Param> params;
        final Ty result;
        final String docs;
        final Gate gate;
        /** The function's name (or {@code constructor} keyword): where its errors point. */
        final Span span;

        Function(String name, FunctionKind kind, Type resource, boolean async, List<Param> params, Ty result,
                 String docs, Gate gate, Span span) {
            this.name = name;
            this.kind = kind;
            this.resource = resource;
            this.async = async;
            this.params = params;
            this.result = result;
            this.docs = docs;
            this.gate = gate;
            this.span = span;
        }

        String qualifiedName() {
            return switch (kind) {
                case FREESTANDING -> name;
                case METHOD -> "[method]" + resource.name + "." + name;
                case STATIC -> "[static]" + resource.name + "." + name;
                case CONSTRUCTOR -> "[constructor]" + resource.name;
            };
        }
    }

    record Param(String name, Ty type) {
    }
}
