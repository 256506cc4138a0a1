package ai.asterai.protocol.wit;

/** A lexed token: its kind and character range; an {@link TokenKind#ERROR} token carries the lexing error. */
record Token(TokenKind kind, int start, int end, WitException error) {
    Token(TokenKind kind, int start, int end) {
        this(kind, start, end, null);
    }
}
