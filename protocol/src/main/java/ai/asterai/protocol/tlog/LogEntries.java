package ai.asterai.protocol.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads log entries from their canonical bytes. */
public final class LogEntries {
    private LogEntries() {
    }

    /** Strict: only the canonical bytes of an entry, at most {@link EntryBundle#MAX_ENTRY} of them. */
    public static LogEntry parse(byte[] bytes) {
        if (bytes == null || bytes.length > EntryBundle.MAX_ENTRY) {
            throw new TlogFormatException("entry", "an entry has at most " + EntryBundle.MAX_ENTRY + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TlogFormatException("entry", "an entry is UTF-8");
        }
        if (!text.endsWith("\n")) {
            throw new TlogFormatException("entry", "an entry ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].startsWith(LogEntry.DOMAIN + " ")) {
            throw new TlogFormatException("entry", "an entry starts with '" + LogEntry.DOMAIN + " <kind>'");
        }
        Lines in = new Lines(lines);
        LogEntry e;
        try {
            e = switch (lines[0].substring(LogEntry.DOMAIN.length() + 1)) {
                case "namespace-created" -> new LogEntry.NamespaceCreated(in.field("namespace"));
                case "key-added" -> {
                    String ns = in.field("namespace");
                    PublicKey key = PublicKey.parse(in.field("key"));
                    String signer = in.field("signer");
                    String sig = in.field("signature");
                    yield new LogEntry.KeyAdded(ns, key, signer.equals("none") ? null : signer, sig.equals("none") ? null : sig);
                }
                case "key-revoked" -> new LogEntry.KeyRevoked(in.field("namespace"), in.field("key"));
                case "release-published" -> {
                    String key = in.field("key");
                    String sig = in.field("signature");
                    if (!in.next().equals(ReleaseEnvelope.DOMAIN)) {
                        throw new TlogFormatException("entry", "a release entry's envelope starts with " + ReleaseEnvelope.DOMAIN);
                    }
                    PackageName pkg = PackageName.parse(in.field("package"));
                    Version version = Version.parse(in.field("version"));
                    PackageKind kind = PackageKind.parse(in.field("kind"));
                    Digest manifest = Digest.parse(in.field("manifest"));
                    String wasm = in.field("wasm");
                    Digest wit = Digest.parse(in.field("wit"));
                    yield new LogEntry.ReleasePublished(new ReleaseEnvelope(pkg, version, kind, manifest,
                            wasm.equals("none") ? null : Digest.parse(wasm), wit), key, sig);
                }
                case "release-yanked" -> new LogEntry.ReleaseYanked(PackageName.parse(in.field("package")), Version.parse(in.field("version")));
                case "release-unyanked" -> new LogEntry.ReleaseUnyanked(PackageName.parse(in.field("package")), Version.parse(in.field("version")));
                default -> throw new TlogFormatException("entry", "unknown entry kind");
            };
        } catch (TlogFormatException ex) {
            throw ex;
        } catch (InvalidInputException ex) {
            throw new TlogFormatException("entry", "entry field " + ex.field() + ": " + ex.getMessage());
        }
        if (!Arrays.equals(e.bytes(), bytes)) {
            throw new TlogFormatException("entry", "the entry is not in canonical form");
        }
        return e;
    }

    /** Reads {@code <name> <value>} lines in order. */
    private static final class Lines {
        private final String[] lines;
        private int at = 1;

        Lines(String[] lines) {
            this.lines = lines;
        }

        String next() {
            if (at >= lines.length) {
                throw new TlogFormatException("entry", "the entry ends early");
            }
            return lines[at++];
        }

        String field(String name) {
            String line = next();
            if (!line.startsWith(name + " ")) {
                throw new TlogFormatException("entry", "expected the field '" + name + "'");
            }
            return line.substring(name.length() + 1);
        }
    }
}
