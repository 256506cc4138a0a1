package ai.asterai.protocol.wit;

import ai.asterai.protocol.name.Version;
import java.util.List;

/** The syntax tree of one WIT file, as written (names unresolved). Spans point into the file for errors. */
final class Ast {
    private Ast() {
    }

    /** An identifier with its span ({@code %}-escapes already removed). */
    record Id(String name, Span span) {
    }

    /** Raw doc comment tokens before an item; {@code span} is null when there are none. */
    record Docs(List<String> comments, Span span) {
        static final Docs NONE = new Docs(List.of(), null);

        boolean isEmpty() {
            return comments.isEmpty();
        }
    }

    /** A file: its optional {@code package ns:name;} header and its items (nested packages included). */
    record File(SourceFile source, PackageName header, List<Item> items) {
    }

    record PackageName(Docs docs, Span span, Id namespace, Id name, Version version) {
        ai.asterai.protocol.wit.model.WitPackageName toName() {
            return new ai.asterai.protocol.wit.model.WitPackageName(namespace.name(), name.name(),
                    version == null ? null : version.toString());
        }
    }

    sealed interface Attribute permits Since, Unstable, Deprecated, ExternalId {
        Span span();
    }

    record Since(Span span, Version version) implements Attribute {
    }

    record Unstable(Span span, Id feature) implements Attribute {
    }

    record Deprecated(Span span, Version version) implements Attribute {
    }

    record ExternalId(Span span, String id) implements Attribute {
    }

    /** A top-level item of a package body. */
    sealed interface Item permits Interface, World, TopUse, NestedPackage {
    }

    record Interface(Docs docs, List<Attribute> attributes, Id name, List<InterfaceItem> items) implements Item {
    }

    record World(Docs docs, List<Attribute> attributes, Id name, List<WorldItem> items) implements Item {
    }

    /** {@code use path as name;} at the top of a file. */
    record TopUse(Span span, List<Attribute> attributes, UsePath path, Id as) implements Item {
        Id effectiveName() {
            return as != null ? as : path.name();
        }
    }

    record NestedPackage(PackageName name, List<Item> items) implements Item {
    }

    /** {@code name} or {@code ns:pkg/name@version}. */
    sealed interface UsePath permits LocalPath, ForeignPath {
        Id name();
    }

    record LocalPath(Id name) implements UsePath {
    }

    /** {@code pkgSpan} covers {@code ns:pkg}, where "package not found" errors point. */
    record ForeignPath(PackageName pkg, Span pkgSpan, Id name) implements UsePath {
    }

    sealed interface InterfaceItem permits TypeItem, FuncItem, Use {
    }

    sealed interface WorldItem permits Import, Export, Use, TypeItem, Include {
    }

    /** {@code use path.{a, b as c};} in an interface or world. */
    record Use(List<Attribute> attributes, UsePath from, List<UseName> names) implements InterfaceItem, WorldItem {
    }

    record UseName(Id name, Id as) {
        Id effectiveName() {
            return as != null ? as : name;
        }
    }

    record Include(List<Attribute> attributes, UsePath from, List<IncludeName> names) implements WorldItem {
    }

    record IncludeName(Id name, Id as) {
    }

    record Import(Docs docs, List<Attribute> attributes, Extern kind) implements WorldItem {
    }

    record Export(Docs docs, List<Attribute> attributes, Extern kind) implements WorldItem {
    }

    /** What a world imports or exports. */
    sealed interface Extern permits InlineInterface, PathExtern, FuncExtern, NamedPathExtern {
        /** Where errors about the item point. */
        Span span();
    }

    record InlineInterface(Id name, List<InterfaceItem> items) implements Extern {
        public Span span() {
            return name.span();
        }
    }

    record PathExtern(UsePath path) implements Extern {
        public Span span() {
            return path.name().span();
        }
    }

    record FuncExtern(Id name, Func func) implements Extern {
        public Span span() {
            return name.span();
        }
    }

    /** {@code label: path}: a plain-named item implementing a named interface. */
    record NamedPathExtern(Id name, UsePath path) implements Extern {
        public Span span() {
            return name.span();
        }
    }

    record TypeItem(Docs docs, List<Attribute> attributes, Id name, Type type) implements InterfaceItem, WorldItem {
    }

    record FuncItem(Docs docs, List<Attribute> attributes, Id name, Func func) implements InterfaceItem {
    }

    record Param(Id name, Type type) {
    }

    /** {@code span} is the {@code func} (or {@code constructor}) keyword; {@code result} may be null. */
    record Func(Span span, boolean async, List<Param> params, Type result) {
    }

    enum ResourceFuncKind { METHOD, STATIC, CONSTRUCTOR }

    /** A function in a resource body; a constructor's {@code name} is the {@code constructor} keyword. */
    record ResourceFunc(Docs docs, List<Attribute> attributes, ResourceFuncKind kind, Id name, Func func) {
    }

    /** A type expression, or the body of a named type definition. */
    sealed interface Type permits Prim, Name, ListOf, FixedList, MapOf, OptionOf, ResultOf, TupleOf, FutureOf,
            StreamOf, Handle, RecordBody, VariantBody, EnumBody, FlagsBody, ResourceBody {
        Span span();
    }

    record Prim(Span span, ai.asterai.protocol.wit.model.WitType.Primitive primitive) implements Type {
    }

    record Name(Id id) implements Type {
        public Span span() {
            return id.span();
        }
    }

    record ListOf(Span span, Type element) implements Type {
    }

    record FixedList(Span span, Type element, long size) implements Type {
    }

    record MapOf(Span span, Type key, Type value) implements Type {
    }

    record OptionOf(Span span, Type inner) implements Type {
    }

    /** {@code ok} or {@code err} are null when absent. */
    record ResultOf(Span span, Type ok, Type err) implements Type {
    }

    record TupleOf(Span span, List<Type> types) implements Type {
    }

    record FutureOf(Span span, Type inner) implements Type {
    }

    record StreamOf(Span span, Type inner) implements Type {
    }

    /** {@code own<r>} or {@code borrow<r>}; the span is the resource name's. */
    record Handle(boolean borrow, Id resource) implements Type {
        public Span span() {
            return resource.span();
        }
    }

    record Field(Docs docs, Id name, Type type) {
    }

    record Case(Docs docs, Id name, Type type) {
    }

    record Member(Docs docs, Id name) {
    }

    record RecordBody(Span span, List<Field> fields) implements Type {
    }

    record VariantBody(Span span, List<Case> cases) implements Type {
    }

    record EnumBody(Span span, List<Member> cases) implements Type {
    }

    record FlagsBody(Span span, List<Member> flags) implements Type {
    }

    record ResourceBody(Span span, List<ResourceFunc> funcs) implements Type {
    }
}
