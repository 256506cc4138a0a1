package ai.asterai.protocol.wit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits WIT text into tokens. Whitespace and ordinary comments are dropped; doc comments ({@code ///},
 * {@code /** .. *}{@code /}) are kept as {@link TokenKind#DOC} tokens for the parser to attach. A lexing
 * error does not stop the list: it becomes a final {@link TokenKind#ERROR} token, so the error surfaces
 * only if the parser gets that far (an earlier syntax error wins, as in the reference parser).
 */
final class Lexer {
    private final SourceFile file;
    private final String text;
    private int pos;

    private Lexer(SourceFile file) {
        this.file = file;
        this.text = file.text();
    }

    static List<Token> tokenize(SourceFile file) {
        return new Lexer(file).run();
    }

    private List<Token> run() {
        rejectInvalidCodepoints();
        List<Token> tokens = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            pos = 1;
        }
        try {
            while (true) {
                Token t = next();
                if (t == null) {
                    break;
                }
                tokens.add(t);
            }
        } catch (WitException e) {
            tokens.add(new Token(TokenKind.ERROR, pos, pos, e));
        }
        return tokens;
    }

    /** Control codes, bidirectional overrides and deprecated code points can hide what the text means. */
    private void rejectInvalidCodepoints() {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp != '\n' && cp != '\r' && cp != '\t') {
                if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
                    throw file.error(i, "input contains bidirectional override codepoint " + codepoint(cp));
                }
                if (cp == 0x149 || cp == 0x673 || cp == 0xF77 || cp == 0xF79 || cp == 0x17A3 || cp == 0x17A4
                        || cp == 0x17B4 || cp == 0x17B5) {
                    throw file.error(i, "codepoint " + codepoint(cp) + " is discouraged by Unicode");
                }
                if (Character.getType(cp) == Character.CONTROL) {
                    throw file.error(i, "control code " + codepoint(cp) + " is not allowed");
                }
            }
            i += Character.charCount(cp);
        }
    }

    private static String codepoint(int cp) {
        return String.format("U+%04X", cp);
    }

    private Token next() {
        while (pos < text.length()) {
            int start = pos;
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n') {
                pos++;
                continue;
            }
            if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
                continue;
            }
            if (c == '/' && at(pos + 1, '/')) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol;
                if (text.startsWith("///", start) && !text.startsWith("////", start)) {
                    return new Token(TokenKind.DOC, start, trimEnd(start, pos));
                }
                continue;
            }
            if (c == '/' && at(pos + 1, '*')) {
                skipBlockComment();
                boolean doc = text.startsWith("/**", start) && !text.startsWith("/**/", start)
                        && !text.startsWith("/***", start);
                if (doc) {
                    return new Token(TokenKind.DOC, start, pos);
                }
                continue;
            }
            return token(start, c);
        }
        return null;
    }

    private int trimEnd(int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private boolean at(int index, char c) {
        return index < text.length() && text.charAt(index) == c;
    }

    private void skipBlockComment() {
        int start = pos;
        pos += 2;
        int depth = 1;
        while (depth > 0) {
            if (pos >= text.length()) {
                throw file.error(start, "unterminated block comment");
            }
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    private Token token(int start, char c) {
        TokenKind kind = switch (c) {
            case '=' -> TokenKind.EQUALS;
            case ',' -> TokenKind.COMMA;
            case ':' -> TokenKind.COLON;
            case '.' -> TokenKind.PERIOD;
            case ';' -> TokenKind.SEMICOLON;
            case '(' -> TokenKind.LEFT_PAREN;
            case ')' -> TokenKind.RIGHT_PAREN;
            case '{' -> TokenKind.LEFT_BRACE;
            case '}' -> TokenKind.RIGHT_BRACE;
            case '<' -> TokenKind.LESS_THAN;
            case '>' -> TokenKind.GREATER_THAN;
            case '*' -> TokenKind.STAR;
            case '@' -> TokenKind.AT;
            case '/' -> TokenKind.SLASH;
            case '+' -> TokenKind.PLUS;
            default -> null;
        };
        if (kind != null) {
            pos++;
            return new Token(kind, start, pos);
        }
        if (c == '-') {
            pos++;
            if (at(pos, '>')) {
                pos++;
                return new Token(TokenKind.RARROW, start, pos);
            }
            return new Token(TokenKind.MINUS, start, pos);
        }
        if (c == '%') {
            pos++;
            if (pos < text.length() && isKeylikeStart(text.codePointAt(pos))) {
                skipKeylike();
            }
            return new Token(TokenKind.EXPLICIT_ID, start, pos);
        }
        if (c == '"') {
            pos++;
            stringLiteral(start);
            return new Token(TokenKind.STRING_LITERAL, start, pos);
        }
        int cp = text.codePointAt(pos);
        if (isKeylikeStart(cp)) {
            skipKeylike();
            return new Token(TokenKind.keywordOrId(text.substring(start, pos)), start, pos);
        }
        if (c >= '0' && c <= '9') {
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return new Token(TokenKind.INTEGER, start, pos);
        }
        throw file.error(start, "unexpected character " + quote(cp));
    }

    private void skipKeylike() {
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (!Character.isUnicodeIdentifierPart(cp) && cp != '-') {
                break;
            }
            if (Character.isIdentifierIgnorable(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
    }

    private static boolean isKeylikeStart(int cp) {
        return Character.isUnicodeIdentifierStart(cp) || cp == '_' || cp == '-';
    }

    /** A character for a message; invisible ones as escapes ({@code '\\u{a0}'}). */
    private static String quote(int cp) {
        return switch (cp) {
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            case '\n' -> "'\\n'";
            default -> cp > ' ' && cp < 0x7f || Character.isLetterOrDigit(cp)
                    ? "'" + new String(Character.toChars(cp)) + "'"
                    : "'\\u{" + Integer.toHexString(cp) + "}'";
        };
    }

    /** Checks a string literal (the text of {@code @external-id}); its value is decoded by {@link #decodeString}. */
    private void stringLiteral(int start) {
        decode(start);
    }

    /** The value of the string literal token starting at {@code start}. */
    static String decodeString(SourceFile file, int start) {
        Lexer l = new Lexer(file);
        l.pos = start + 1;
        return l.decode(start);
    }

    private String decode(int start) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) {
                throw file.error(pos, "unexpected end of file in string literal");
            }
            int at = pos;
            int cp = text.codePointAt(pos);
            pos += Character.charCount(cp);
            if (cp == '"') {
                break;
            }
            if (cp == '\\') {
                escape(bytes);
            } else if (cp < 0x20 || cp == 0x7f) {
                throw file.error(at, "invalid string character " + quote(cp));
            } else {
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw file.error(start, "string literal is not valid UTF-8");
        }
    }

    private void escape(ByteArrayOutputStream bytes) {
        if (pos >= text.length()) {
            throw file.error(pos, "unexpected end of file in string literal");
        }
        int at = pos;
        char c = text.charAt(pos++);
        switch (c) {
            case '"' -> bytes.write('"');
            case '\'' -> bytes.write('\'');
            case 't' -> bytes.write('\t');
            case 'n' -> bytes.write('\n');
            case 'r' -> bytes.write('\r');
            case '\\' -> bytes.write('\\');
            case 'u' -> {
                if (!at(pos, '{')) {
                    throw file.error(pos, "expected character '{'");
                }
                pos++;
                long value = 0;
                boolean any = false;
                boolean lastUnderscore = false;
                while (pos < text.length() && (hex(text.charAt(pos)) >= 0 || text.charAt(pos) == '_')) {
                    char h = text.charAt(pos++);
                    if (h == '_') {
                        if (!any) {
                            throw file.error(pos - 1, "invalid hex digit '_'");
                        }
                        lastUnderscore = true;
                        continue;
                    }
                    any = true;
                    lastUnderscore = false;
                    value = value * 16 + hex(h);
                    if (value > 0xFFFFFFFFL) {
                        throw file.error(pos - 1, "number is too big to fit in a u32");
                    }
                }
                if (!any) {
                    throw file.error(pos, "invalid hex digit");
                }
                if (lastUnderscore) {
                    throw file.error(at, "trailing underscore in number");
                }
                if (!at(pos, '}')) {
                    throw file.error(pos, "expected character '}'");
                }
                pos++;
                if (value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
                    throw file.error(at, "invalid unicode value 0x" + Long.toHexString(value));
                }
                bytes.writeBytes(new String(Character.toChars((int) value)).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                if (hex(c) < 0) {
                    throw file.error(at, "invalid string escape " + quote(c));
                }
                if (pos >= text.length() || hex(text.charAt(pos)) < 0) {
                    throw file.error(pos, "invalid hex digit");
                }
                bytes.write(hex(c) * 16 + hex(text.charAt(pos++)));
            }
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
