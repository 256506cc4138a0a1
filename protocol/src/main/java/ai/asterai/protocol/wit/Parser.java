package ai.asterai.protocol.wit;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.wit.model.WitType.Primitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser from tokens to an {@link Ast.File}. Checks syntax and identifier spelling only;
 * names are resolved later. Errors point at the offending token with "expected X, found Y".
 */
final class Parser {
    /** Limits that keep deeply nested input from exhausting the stack. */
    static final int MAX_PACKAGE_DEPTH = WitLimits.MAX_NESTED_PACKAGES;
    static final int MAX_TYPE_DEPTH = WitLimits.MAX_TYPE_EXPRESSION_DEPTH;

    private final SourceFile file;
    private final List<Token> tokens;
    private int index;

    private Parser(SourceFile file) {
        this.file = file;
        this.tokens = Lexer.tokenize(file);
    }

    static Ast.File parse(SourceFile file) {
        return new Parser(file).file();
    }

    // ---- token navigation -------------------------------------------------------------------------

    /** Index of the next non-doc token (may be {@code tokens.size()} at end of file). */
    private int peekIndex() {
        int i = index;
        while (i < tokens.size() && tokens.get(i).kind() == TokenKind.DOC) {
            i++;
        }
        return i;
    }

    /** The next non-doc token without consuming it, or null at end of file. */
    private Token peek() {
        int i = peekIndex();
        if (i >= tokens.size()) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.kind() == TokenKind.ERROR) {
            throw t.error();
        }
        return t;
    }

    private Token next() {
        Token t = peek();
        if (t != null) {
            index = peekIndex() + 1;
        }
        return t;
    }

    private boolean peekIs(TokenKind kind) {
        Token t = peek();
        return t != null && t.kind() == kind;
    }

    private boolean eat(TokenKind kind) {
        if (peekIs(kind)) {
            next();
            return true;
        }
        return false;
    }

    private Span expect(TokenKind kind) {
        Token t = next();
        if (t == null) {
            throw file.error(file.text().length(), "expected " + kind.describe() + ", found eof");
        }
        if (t.kind() != kind) {
            throw file.error(t.start(), "expected " + kind.describe() + ", found " + t.kind().describe());
        }
        return span(t);
    }

    private WitException expected(String what, Token found) {
        if (found == null) {
            return file.error(file.text().length(), "expected " + what + ", found eof");
        }
        return file.error(found.start(), "expected " + what + ", found " + found.kind().describe());
    }

    private Span span(Token t) {
        return new Span(file, t.start(), t.end());
    }

    private Span span(int start, int end) {
        return new Span(file, start, end);
    }

    /** Doc comments directly ahead. */
    private Ast.Docs docs() {
        List<String> comments = new ArrayList<>();
        int start = -1;
        int end = -1;
        while (index < tokens.size() && tokens.get(index).kind() == TokenKind.DOC) {
            Token t = tokens.get(index++);
            if (start < 0) {
                start = t.start();
            }
            end = t.end();
            comments.add(file.text().substring(t.start(), t.end()));
        }
        return comments.isEmpty() ? Ast.Docs.NONE : new Ast.Docs(List.copyOf(comments), span(start, end));
    }

    // ---- identifiers --------------------------------------------------------------------------------

    private Ast.Id id() {
        Token t = next();
        if (t != null && t.kind() == TokenKind.ID) {
            return new Ast.Id(validateId(span(t), span(t).text()), span(t));
        }
        if (t != null && t.kind() == TokenKind.EXPLICIT_ID) {
            return new Ast.Id(validateId(span(t), span(t).text().substring(1)), span(t));
        }
        throw expected("an identifier or string", t);
    }

    /** Kebab-case: words split by '-', each all-lowercase or all-uppercase, the first starting with a letter. */
    static String validateId(Span span, String id) {
        if (id.isEmpty()) {
            throw span.error("identifiers must have characters between '-'s");
        }
        String[] parts = id.split("-", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (part.isEmpty()) {
                throw span.error("identifiers must have characters between '-'s");
            }
            int first = part.codePointAt(0);
            if (p == 0 && !isAsciiLetter(first)) {
                throw span.error("invalid character in identifier " + quote(first));
            }
            Boolean upper = null;
            for (int i = 0; i < part.length(); ) {
                int c = part.codePointAt(i);
                i += Character.charCount(c);
                if (c >= '0' && c <= '9') {
                    continue;
                }
                boolean isUpper = c >= 'A' && c <= 'Z';
                boolean isLower = c >= 'a' && c <= 'z';
                if (!isUpper && !isLower || (upper != null && upper != isUpper)) {
                    throw span.error("invalid character in identifier " + quote(c));
                }
                upper = isUpper;
            }
        }
        return id;
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String quote(int cp) {
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    // ---- files and packages -------------------------------------------------------------------------

    private Ast.File file() {
        // `package a:b;` is the file header, while `package a:b { .. }` is an item (re-parsed below).
        int mark = index;
        Ast.Docs docs = docs();
        Ast.PackageName header = null;
        if (eat(TokenKind.PACKAGE)) {
            Ast.PackageName name = packageName(docs);
            if (eat(TokenKind.SEMICOLON)) {
                header = name;
            } else {
                index = mark;
            }
        } else {
            index = mark;
        }
        return new Ast.File(file, header, items(null, 0));
    }

    private List<Ast.Item> items(TokenKind end, int depth) {
        List<Ast.Item> items = new ArrayList<>();
        Ast.Docs docs = docs();
        while (true) {
            if (end != null ? eat(end) : peek() == null) {
                break;
            }
            items.add(item(docs, depth));
            docs = docs();
        }
        return items;
    }

    private Ast.Item item(Ast.Docs docs, int depth) {
        List<Ast.Attribute> attributes = attributes();
        Token t = peek();
        TokenKind kind = t == null ? null : t.kind();
        if (kind == TokenKind.INTERFACE) {
            expect(TokenKind.INTERFACE);
            Ast.Id name = id();
            return new Ast.Interface(docs, attributes, name, interfaceItems());
        }
        if (kind == TokenKind.WORLD) {
            expect(TokenKind.WORLD);
            Ast.Id name = id();
            return new Ast.World(docs, attributes, name, worldItems());
        }
        if (kind == TokenKind.USE) {
            Span span = expect(TokenKind.USE);
            Ast.UsePath path = usePath();
            Ast.Id as = eat(TokenKind.AS) ? id() : null;
            expect(TokenKind.SEMICOLON);
            return new Ast.TopUse(span, attributes, path, as);
        }
        if (kind == TokenKind.PACKAGE) {
            Span span = expect(TokenKind.PACKAGE);
            if (!attributes.isEmpty()) {
                throw span.error("cannot place attributes on nested packages");
            }
            if (depth >= MAX_PACKAGE_DEPTH) {
                throw span.error("package nesting too deep (the limit is " + MAX_PACKAGE_DEPTH + " levels)");
            }
            Ast.PackageName name = packageName(docs);
            expect(TokenKind.LEFT_BRACE);
            return new Ast.NestedPackage(name, items(TokenKind.RIGHT_BRACE, depth + 1));
        }
        throw expected("`world`, `interface` or `use`", t);
    }

    private Ast.PackageName packageName(Ast.Docs docs) {
        Ast.Id namespace = id();
        expect(TokenKind.COLON);
        Ast.Id name = id();
        int end = name.span().end();
        Version version = null;
        if (eat(TokenKind.AT)) {
            Span versionSpan = versionSpan();
            version = semver(versionSpan);
            end = versionSpan.end();
        }
        return new Ast.PackageName(docs, span(namespace.span().start(), end), namespace, name, version);
    }

    private Ast.UsePath usePath() {
        Ast.Id first = id();
        if (!eat(TokenKind.COLON)) {
            return new Ast.LocalPath(first);
        }
        Ast.Id pkg = id();
        expect(TokenKind.SLASH);
        Ast.Id name = id();
        Version version = null;
        if (eat(TokenKind.AT)) {
            version = semver(versionSpan());
        }
        Span pkgSpan = span(first.span().start(), pkg.span().end());
        return new Ast.ForeignPath(new Ast.PackageName(Ast.Docs.NONE, pkgSpan, first, pkg, version), pkgSpan, name);
    }

    // ---- versions and attributes --------------------------------------------------------------------

    /** {@code 1.2.3} plus optional {@code -pre.release} and {@code +build}, as a span of the source text. */
    private Span versionSpan() {
        int start = expect(TokenKind.INTEGER).start();
        expect(TokenKind.PERIOD);
        expect(TokenKind.INTEGER);
        expect(TokenKind.PERIOD);
        int end = expect(TokenKind.INTEGER).end();
        end = versionSuffix(TokenKind.MINUS, end);
        end = versionSuffix(TokenKind.PLUS, end);
        return span(start, end);
    }

    private int versionSuffix(TokenKind prefix, int end) {
        if (!eat(prefix)) {
            return end;
        }
        while (true) {
            int mark = index;
            Token t = next();
            if (t != null && isVersionPart(t.kind())) {
                end = t.end();
                continue;
            }
            if (t != null && t.kind() == TokenKind.PERIOD) {
                Token after = next();
                if (after != null && isVersionPart(after.kind())) {
                    end = after.end();
                    continue;
                }
            }
            // A `.` not followed by a version part belongs to the WIT syntax, as in `use a:b@1.0.0-x.{t}`.
            index = mark;
            return end;
        }
    }

    private static boolean isVersionPart(TokenKind kind) {
        return kind == TokenKind.ID || kind == TokenKind.INTEGER || kind == TokenKind.MINUS;
    }

    private static Version semver(Span span) {
        Version version;
        try {
            version = Version.parse(span.text());
        } catch (InvalidInputException e) {
            throw span.error(e.getMessage());
        }
        // Version numbers are 64-bit unsigned in the component model tooling.
        String[] parts = {"major", "minor", "patch"};
        java.math.BigInteger[] numbers = {version.major(), version.minor(), version.patch()};
        for (int i = 0; i < 3; i++) {
            if (numbers[i].bitLength() > 64) {
                throw span.error("value of " + parts[i] + " version number exceeds u64::MAX");
            }
        }
        return version;
    }

    private List<Ast.Attribute> attributes() {
        List<Ast.Attribute> attributes = new ArrayList<>();
        while (eat(TokenKind.AT)) {
            Ast.Id name = id();
            switch (name.name()) {
                case "since" -> {
                    expect(TokenKind.LEFT_PAREN);
                    keyword("version");
                    expect(TokenKind.EQUALS);
                    Version version = semver(versionSpan());
                    expect(TokenKind.RIGHT_PAREN);
                    attributes.add(new Ast.Since(name.span(), version));
                }
                case "unstable" -> {
                    expect(TokenKind.LEFT_PAREN);
                    keyword("feature");
                    expect(TokenKind.EQUALS);
                    Ast.Id feature = id();
                    expect(TokenKind.RIGHT_PAREN);
                    attributes.add(new Ast.Unstable(name.span(), feature));
                }
                case "deprecated" -> {
                    expect(TokenKind.LEFT_PAREN);
                    keyword("version");
                    expect(TokenKind.EQUALS);
                    Version version = semver(versionSpan());
                    expect(TokenKind.RIGHT_PAREN);
                    attributes.add(new Ast.Deprecated(name.span(), version));
                }
                case "external-id" -> {
                    expect(TokenKind.LEFT_PAREN);
                    Span literal = expect(TokenKind.STRING_LITERAL);
                    expect(TokenKind.RIGHT_PAREN);
                    attributes.add(new Ast.ExternalId(name.span(), Lexer.decodeString(file, literal.start())));
                }
                default -> throw name.span().error("unknown attribute `" + name.name() + "`");
            }
        }
        return attributes;
    }

    private void keyword(String expected) {
        Ast.Id id = id();
        if (!id.name().equals(expected)) {
            throw id.span().error("expected `" + expected + "`, found `" + id.name() + "`");
        }
    }

    // ---- interfaces and worlds ----------------------------------------------------------------------

    private List<Ast.InterfaceItem> interfaceItems() {
        expect(TokenKind.LEFT_BRACE);
        List<Ast.InterfaceItem> items = new ArrayList<>();
        while (true) {
            Ast.Docs docs = docs();
            if (eat(TokenKind.RIGHT_BRACE)) {
                return items;
            }
            List<Ast.Attribute> attributes = attributes();
            Token t = peek();
            TokenKind kind = t == null ? null : t.kind();
            if (kind == TokenKind.ID || kind == TokenKind.EXPLICIT_ID) {
                Ast.Id name = id();
                expect(TokenKind.COLON);
                Ast.Func func = func();
                expect(TokenKind.SEMICOLON);
                items.add(new Ast.FuncItem(docs, attributes, name, func));
            } else if (kind == TokenKind.USE) {
                items.add(use(attributes));
            } else if (isTypeDefStart(kind)) {
                items.add(typeItem(docs, attributes));
            } else {
                throw expected("`type`, `resource` or `func`", t);
            }
        }
    }

    private List<Ast.WorldItem> worldItems() {
        expect(TokenKind.LEFT_BRACE);
        List<Ast.WorldItem> items = new ArrayList<>();
        while (true) {
            Ast.Docs docs = docs();
            if (eat(TokenKind.RIGHT_BRACE)) {
                return items;
            }
            List<Ast.Attribute> attributes = attributes();
            Token t = peek();
            TokenKind kind = t == null ? null : t.kind();
            if (kind == TokenKind.IMPORT) {
                expect(TokenKind.IMPORT);
                items.add(new Ast.Import(docs, attributes, extern()));
            } else if (kind == TokenKind.EXPORT) {
                expect(TokenKind.EXPORT);
                items.add(new Ast.Export(docs, attributes, extern()));
            } else if (kind == TokenKind.USE) {
                items.add(use(attributes));
            } else if (kind == TokenKind.INCLUDE) {
                items.add(include(attributes));
            } else if (isTypeDefStart(kind)) {
                items.add(typeItem(docs, attributes));
            } else {
                throw expected("`import`, `export`, `include`, `use`, or type definition", t);
            }
        }
    }

    private static boolean isTypeDefStart(TokenKind kind) {
        return kind == TokenKind.TYPE || kind == TokenKind.FLAGS || kind == TokenKind.ENUM || kind == TokenKind.VARIANT
                || kind == TokenKind.RESOURCE || kind == TokenKind.RECORD;
    }

    /**
     * After {@code import}/{@code export}: {@code name: func ..}, {@code name: interface {..}},
     * {@code label: path;} or a bare {@code path;}. The colon of {@code ns:pkg/iface} is told apart from a
     * label's colon by the {@code /} that follows the next identifier.
     */
    private Ast.Extern extern() {
        int mark = index;
        Ast.Id name = id();
        if (eat(TokenKind.COLON)) {
            if (peekIs(TokenKind.FUNC) || peekIs(TokenKind.ASYNC)) {
                Ast.Func func = func();
                expect(TokenKind.SEMICOLON);
                return new Ast.FuncExtern(name, func);
            }
            if (eat(TokenKind.INTERFACE)) {
                return new Ast.InlineInterface(name, interfaceItems());
            }
            if (!isQualifiedPathAhead()) {
                Ast.UsePath path = usePath();
                expect(TokenKind.SEMICOLON);
                return new Ast.NamedPathExtern(name, path);
            }
        }
        index = mark;
        Ast.UsePath path = usePath();
        expect(TokenKind.SEMICOLON);
        return new Ast.PathExtern(path);
    }

    private boolean isQualifiedPathAhead() {
        int mark = index;
        try {
            id();
            return peekIs(TokenKind.SLASH);
        } catch (WitException e) {
            return false;
        } finally {
            index = mark;
        }
    }

    private Ast.Use use(List<Ast.Attribute> attributes) {
        expect(TokenKind.USE);
        Ast.UsePath from = usePath();
        expect(TokenKind.PERIOD);
        expect(TokenKind.LEFT_BRACE);
        List<Ast.UseName> names = new ArrayList<>();
        while (!eat(TokenKind.RIGHT_BRACE)) {
            Ast.Id name = id();
            Ast.Id as = eat(TokenKind.AS) ? id() : null;
            names.add(new Ast.UseName(name, as));
            if (!eat(TokenKind.COMMA)) {
                expect(TokenKind.RIGHT_BRACE);
                break;
            }
        }
        expect(TokenKind.SEMICOLON);
        return new Ast.Use(attributes, from, names);
    }

    private Ast.Include include(List<Ast.Attribute> attributes) {
        expect(TokenKind.INCLUDE);
        Ast.UsePath from = usePath();
        List<Ast.IncludeName> names = new ArrayList<>();
        if (eat(TokenKind.WITH)) {
            // `include w with { a as b }` takes no trailing semicolon.
            expect(TokenKind.LEFT_BRACE);
            list(TokenKind.RIGHT_BRACE, docs -> {
                Ast.Id name = id();
                expect(TokenKind.AS);
                names.add(new Ast.IncludeName(name, id()));
            });
        } else {
            expect(TokenKind.SEMICOLON);
        }
        return new Ast.Include(attributes, from, names);
    }

    // ---- type definitions ---------------------------------------------------------------------------

    private Ast.TypeItem typeItem(Ast.Docs docs, List<Ast.Attribute> attributes) {
        Token t = next();
        Ast.Id name = id();
        Ast.Type body;
        switch (t.kind()) {
            case TYPE -> {
                expect(TokenKind.EQUALS);
                body = type(0);
                expect(TokenKind.SEMICOLON);
            }
            case FLAGS -> {
                List<Ast.Member> flags = new ArrayList<>();
                expect(TokenKind.LEFT_BRACE);
                list(TokenKind.RIGHT_BRACE, d -> flags.add(new Ast.Member(d, id())));
                body = new Ast.FlagsBody(name.span(), flags);
            }
            case ENUM -> {
                List<Ast.Member> cases = new ArrayList<>();
                expect(TokenKind.LEFT_BRACE);
                list(TokenKind.RIGHT_BRACE, d -> cases.add(new Ast.Member(d, id())));
                body = new Ast.EnumBody(name.span(), cases);
            }
            case RECORD -> {
                List<Ast.Field> fields = new ArrayList<>();
                expect(TokenKind.LEFT_BRACE);
                list(TokenKind.RIGHT_BRACE, d -> {
                    Ast.Id field = id();
                    expect(TokenKind.COLON);
                    fields.add(new Ast.Field(d, field, type(0)));
                });
                body = new Ast.RecordBody(name.span(), fields);
            }
            case VARIANT -> {
                List<Ast.Case> cases = new ArrayList<>();
                expect(TokenKind.LEFT_BRACE);
                list(TokenKind.RIGHT_BRACE, d -> {
                    Ast.Id c = id();
                    Ast.Type payload = null;
                    if (eat(TokenKind.LEFT_PAREN)) {
                        payload = type(0);
                        expect(TokenKind.RIGHT_PAREN);
                    }
                    cases.add(new Ast.Case(d, c, payload));
                });
                body = new Ast.VariantBody(name.span(), cases);
            }
            case RESOURCE -> {
                List<Ast.ResourceFunc> funcs = new ArrayList<>();
                if (eat(TokenKind.LEFT_BRACE)) {
                    while (!eat(TokenKind.RIGHT_BRACE)) {
                        Ast.Docs d = docs();
                        funcs.add(resourceFunc(d, attributes()));
                    }
                } else {
                    expect(TokenKind.SEMICOLON);
                }
                body = new Ast.ResourceBody(name.span(), funcs);
            }
            default -> throw new IllegalStateException("not a type definition: " + t.kind());
        }
        return new Ast.TypeItem(docs, attributes, name, body);
    }

    private Ast.ResourceFunc resourceFunc(Ast.Docs docs, List<Ast.Attribute> attributes) {
        Token t = peek();
        if (t != null && t.kind() == TokenKind.CONSTRUCTOR) {
            Span span = expect(TokenKind.CONSTRUCTOR);
            expect(TokenKind.LEFT_PAREN);
            List<Ast.Param> params = params();
            Ast.Type result = eat(TokenKind.RARROW) ? type(0) : null;
            expect(TokenKind.SEMICOLON);
            return new Ast.ResourceFunc(docs, attributes, Ast.ResourceFuncKind.CONSTRUCTOR,
                    new Ast.Id("constructor", span), new Ast.Func(span, false, params, result));
        }
        if (t != null && (t.kind() == TokenKind.ID || t.kind() == TokenKind.EXPLICIT_ID)) {
            Ast.Id name = id();
            expect(TokenKind.COLON);
            Ast.ResourceFuncKind kind = eat(TokenKind.STATIC) ? Ast.ResourceFuncKind.STATIC : Ast.ResourceFuncKind.METHOD;
            Ast.Func func = func();
            expect(TokenKind.SEMICOLON);
            return new Ast.ResourceFunc(docs, attributes, kind, name, func);
        }
        throw expected("`constructor` or identifier", t);
    }

    private Ast.Func func() {
        boolean async = eat(TokenKind.ASYNC);
        Span span = expect(TokenKind.FUNC);
        expect(TokenKind.LEFT_PAREN);
        List<Ast.Param> params = params();
        Ast.Type result = eat(TokenKind.RARROW) ? type(0) : null;
        return new Ast.Func(span, async, params, result);
    }

    /** Parameters after the opening parenthesis, through the closing one. */
    private List<Ast.Param> params() {
        List<Ast.Param> params = new ArrayList<>();
        list(TokenKind.RIGHT_PAREN, d -> {
            Ast.Id name = id();
            expect(TokenKind.COLON);
            params.add(new Ast.Param(name, type(0)));
        });
        return params;
    }

    private interface ListElement {
        void parse(Ast.Docs docs);
    }

    /** Comma-separated elements (a trailing comma allowed) through {@code end}; each may carry docs. */
    private void list(TokenKind end, ListElement element) {
        while (true) {
            Ast.Docs docs = docs();
            if (eat(end)) {
                return;
            }
            element.parse(docs);
            if (!eat(TokenKind.COMMA)) {
                expect(end);
                return;
            }
        }
    }

    // ---- type expressions ---------------------------------------------------------------------------

    private Ast.Type type(int depth) {
        Token t = next();
        if (depth >= MAX_TYPE_DEPTH) {
            throw (t == null ? file.error(file.text().length(), "type nesting too deep (the limit is " + MAX_TYPE_DEPTH + " levels)")
                    : file.error(t.start(), "type nesting too deep (the limit is " + MAX_TYPE_DEPTH + " levels)"));
        }
        if (t == null) {
            throw expected("a type", null);
        }
        Span span = span(t);
        switch (t.kind()) {
            case BOOL: return new Ast.Prim(span, Primitive.BOOL);
            case U8: return new Ast.Prim(span, Primitive.U8);
            case U16: return new Ast.Prim(span, Primitive.U16);
            case U32: return new Ast.Prim(span, Primitive.U32);
            case U64: return new Ast.Prim(span, Primitive.U64);
            case S8: return new Ast.Prim(span, Primitive.S8);
            case S16: return new Ast.Prim(span, Primitive.S16);
            case S32: return new Ast.Prim(span, Primitive.S32);
            case S64: return new Ast.Prim(span, Primitive.S64);
            case F32: return new Ast.Prim(span, Primitive.F32);
            case F64: return new Ast.Prim(span, Primitive.F64);
            case CHAR: return new Ast.Prim(span, Primitive.CHAR);
            case STRING: return new Ast.Prim(span, Primitive.STRING);
            case ERROR_CONTEXT: return new Ast.Prim(span, Primitive.ERROR_CONTEXT);
            case TUPLE: {
                List<Ast.Type> types = new ArrayList<>();
                expect(TokenKind.LESS_THAN);
                list(TokenKind.GREATER_THAN, d -> types.add(type(depth + 1)));
                return new Ast.TupleOf(span, types);
            }
            case LIST: {
                expect(TokenKind.LESS_THAN);
                Ast.Type element = type(depth + 1);
                if (eat(TokenKind.COMMA)) {
                    Token size = next();
                    if (size == null || size.kind() != TokenKind.INTEGER) {
                        throw expected("fixed-length", size);
                    }
                    long n = listSize(span(size));
                    expect(TokenKind.GREATER_THAN);
                    return new Ast.FixedList(span, element, n);
                }
                expect(TokenKind.GREATER_THAN);
                return new Ast.ListOf(span, element);
            }
            case MAP: {
                expect(TokenKind.LESS_THAN);
                Ast.Type key = type(depth + 1);
                expect(TokenKind.COMMA);
                Ast.Type value = type(depth + 1);
                expect(TokenKind.GREATER_THAN);
                return new Ast.MapOf(span, key, value);
            }
            case OPTION: {
                expect(TokenKind.LESS_THAN);
                Ast.Type inner = type(depth + 1);
                expect(TokenKind.GREATER_THAN);
                return new Ast.OptionOf(span, inner);
            }
            case RESULT: {
                Ast.Type ok = null;
                Ast.Type err = null;
                if (eat(TokenKind.LESS_THAN)) {
                    if (eat(TokenKind.UNDERSCORE)) {
                        expect(TokenKind.COMMA);
                        err = type(depth + 1);
                    } else {
                        ok = type(depth + 1);
                        if (eat(TokenKind.COMMA)) {
                            err = type(depth + 1);
                        }
                    }
                    expect(TokenKind.GREATER_THAN);
                }
                return new Ast.ResultOf(span, ok, err);
            }
            case FUTURE:
            case STREAM: {
                Ast.Type inner = null;
                if (eat(TokenKind.LESS_THAN)) {
                    inner = type(depth + 1);
                    expect(TokenKind.GREATER_THAN);
                }
                return t.kind() == TokenKind.FUTURE ? new Ast.FutureOf(span, inner) : new Ast.StreamOf(span, inner);
            }
            case OWN:
            case BORROW: {
                expect(TokenKind.LESS_THAN);
                Ast.Id resource = id();
                expect(TokenKind.GREATER_THAN);
                return new Ast.Handle(t.kind() == TokenKind.BORROW, resource);
            }
            case ID:
                return new Ast.Name(new Ast.Id(validateId(span, span.text()), span));
            case EXPLICIT_ID:
                return new Ast.Name(new Ast.Id(validateId(span, span.text().substring(1)), span));
            default:
                throw expected("a type", t);
        }
    }

    private static long listSize(Span span) {
        String digits = span.text();
        if (digits.length() > 10 || Long.parseLong(digits) > 0xFFFFFFFFL) {
            throw span.error("invalid list size: number too large to fit in target type");
        }
        return Long.parseLong(digits);
    }
}
