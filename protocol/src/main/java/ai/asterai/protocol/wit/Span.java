package ai.asterai.protocol.wit;

/** A character range in a source file; errors point at its start. */
record Span(SourceFile file, int start, int end) {
    WitException error(String reason) {
        return file.error(start, reason);
    }

    String text() {
        return file.text().substring(start, end);
    }
}
