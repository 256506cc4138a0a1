package ai.asterai.protocol.wit;

import java.util.HashMap;
import java.util.Map;

/** The kinds of WIT tokens, with the wording used in "expected .., found .." messages. */
enum TokenKind {
    EQUALS("'='"), COMMA("','"), COLON("':'"), PERIOD("'.'"), SEMICOLON("';'"), LEFT_PAREN("'('"),
    RIGHT_PAREN("')'"), LEFT_BRACE("'{'"), RIGHT_BRACE("'}'"), LESS_THAN("'<'"), GREATER_THAN("'>'"),
    RARROW("`->`"), STAR("`*`"), AT("`@`"), SLASH("`/`"), PLUS("`+`"), MINUS("`-`"),
    STRING_LITERAL("a string literal"), ID("an identifier"), EXPLICIT_ID("an '%' identifier"),
    INTEGER("an integer"), DOC("a doc comment"), ERROR("an invalid token"),

    USE, TYPE, FUNC, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, CHAR, RECORD, RESOURCE, OWN, BORROW, FLAGS,
    VARIANT, ENUM, BOOL, STRING, OPTION, RESULT, FUTURE, STREAM, ERROR_CONTEXT("error-context", true), LIST, MAP,
    UNDERSCORE("_", true), AS, FROM, STATIC, INTERFACE, TUPLE, IMPORT, EXPORT, WORLD, PACKAGE, CONSTRUCTOR, ASYNC,
    INCLUDE, WITH;

    private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

    static {
        for (TokenKind k : values()) {
            if (k.keyword != null) {
                KEYWORDS.put(k.keyword, k);
            }
        }
    }

    private final String keyword;
    private final String description;

    /** A keyword spelled like the constant in lower case. */
    TokenKind() {
        this.keyword = name().toLowerCase();
        this.description = "keyword `" + keyword + "`";
    }

    TokenKind(String keyword, boolean isKeyword) {
        this.keyword = keyword;
        this.description = "keyword `" + keyword + "`";
    }

    TokenKind(String description) {
        this.keyword = null;
        this.description = description;
    }

    String describe() {
        return description;
    }

    boolean isKeyword() {
        return keyword != null;
    }

    /** The keyword spelled {@code text}, or {@link #ID}. */
    static TokenKind keywordOrId(String text) {
        return KEYWORDS.getOrDefault(text, ID);
    }

    static boolean isKeyword(String text) {
        return KEYWORDS.containsKey(text);
    }
}
