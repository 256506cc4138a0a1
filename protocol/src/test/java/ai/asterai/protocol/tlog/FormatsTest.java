package ai.asterai.protocol.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {
    /** The example key of Go's golang.org/x/mod/sumdb/note documentation. */
    static final String GO_DOC_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_DOC_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    static SigningKey goDocKey() {
        byte[] typed = Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
        return SigningKey.fromSeed(Arrays.copyOfRange(typed, 1, 33));
    }

    @Test
    void verifierKeyMatchesGosDocumentedExample() {
        NoteSigner signer = new NoteSigner("PeterNeumann", goDocKey());
        assertEquals(GO_DOC_VKEY, signer.verifier().text());
        assertEquals(signer.verifier(), NoteVerifier.parse(GO_DOC_VKEY));
    }

    @Test
    void signedNoteMatchesGosDocumentedExample() {
        String text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
        SignedNote note = SignedNote.sign(text, new NoteSigner("PeterNeumann", goDocKey()));
        String expected = text + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        assertEquals(expected, note.format());
        SignedNote parsed = SignedNote.parse(expected.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, parsed.verifiedBy(NoteVerifier.parse(GO_DOC_VKEY)));
    }

    @Test
    void notesByOtherKeysOrTamperedAreRefused() {
        NoteSigner signer = new NoteSigner("example.com/log", SigningKey.generate());
        String note = SignedNote.sign("example.com/log\n5\n" + Merkle.emptyRoot().base64() + "\n", signer).format();
        NoteVerifier other = new NoteSigner("example.com/log", SigningKey.generate()).verifier();
        assertThrows(TlogFormatException.class, () -> SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)).verifiedBy(other));
        String tampered = note.replace("\n5\n", "\n6\n");
        assertThrows(TlogFormatException.class, () -> SignedNote.parse(tampered.getBytes(StandardCharsets.UTF_8)).verifiedBy(signer.verifier()));
        for (String bad : List.of("", "text\n", "text\n\n", "text\n\n\u2014 a b\n", "text\n\n- a AAAAAAA=\n", "text\n\n\u2014 a+b AAAAAAA=\n",
                "te\u0001xt\n\n\u2014 a AAAAAAA=\n", "text\n\n\u2014 a AAAAAAA=", "text\n\n\u2014 a  AAAAAAA=\n")) {
            assertThrows(TlogFormatException.class, () -> SignedNote.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertThrows(TlogFormatException.class, () -> SignedNote.parse(new byte[]{'a', '\n', '\n', (byte) 0xff}));
    }

    @Test
    void verifierKeysAreParsedStrictly() {
        String good = new NoteSigner("reg.example", SigningKey.generate()).verifier().text();
        NoteVerifier.parse(good);
        for (String bad : List.of("", "a+b", "reg.example+0000000+AQ==", good.replace("reg.example", "other"),
                good.substring(0, good.length() - 2) + "A=", good.replace("+A", "+B"), "re g+12345678+" + good.substring(good.lastIndexOf('+') + 1))) {
            assertThrows(TlogFormatException.class, () -> NoteVerifier.parse(bad), bad);
        }
    }

    @Test
    void checkpointsRoundTripAndAreStrict() {
        Checkpoint c = new Checkpoint("registry.example.com", 1234, Merkle.leafHash(new byte[0]), List.of("ext one"));
        assertEquals("registry.example.com\n1234\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\next one\n", c.text());
        assertEquals(c, Checkpoint.parse(c.text()));
        String root = Merkle.emptyRoot().base64();
        for (String bad : List.of("", "o\n1\n", "o\n01\n" + root + "\n", "o\n-1\n" + root + "\n", "o\n1\n" + root, "\n1\n" + root + "\n",
                "o\n1\n" + root + "\n\n", "o\n99999999999999999999\n" + root + "\n", "o\n1\nAAAA\n", "o\n+1\n" + root + "\n")) {
            assertThrows(TlogFormatException.class, () -> Checkpoint.parse(bad), bad);
        }
    }

    @Test
    void tilePathsFollowTheC2spEncoding() {
        assertEquals("tile/0/x001/x234/067", new Tile(0, 1234067, 256).path());
        assertEquals("tile/1/000.p/7", new Tile(1, 0, 7).path());
        assertEquals("tile/entries/x001/234", new Tile(Tile.ENTRIES, 1234, 256).path());
        for (Tile t : List.of(new Tile(0, 1234067, 256), new Tile(3, 5, 1), new Tile(Tile.ENTRIES, 999, 255), new Tile(7, 0, 256))) {
            assertEquals(t, Tile.parse(t.path()));
        }
        for (String bad : List.of("", "tile/0", "tile/0/1", "tile/0/0001", "tile/0/x000/001", "tile/0/001.p/0", "tile/0/001.p/256",
                "tile/0/001.p/01", "tile/8/000", "tile/-1/000", "tile/0/x001", "tile/0/001/", "tile/0/001.p/", "tile/entries/000.p/x",
                "tile/0/x999/x999/x999/x999/x999/x999/x999/999", "tile/0/.p/5", "tiles/0/000", "tile/00/000")) {
            assertThrows(TlogFormatException.class, () -> Tile.parse(bad), bad);
        }
        assertEquals(256, new Tile(0, 0, 256).minTreeSize());
        assertEquals(256 * 3, new Tile(1, 0, 3).minTreeSize());
        assertEquals(Long.MAX_VALUE, new Tile(7, 1, 256).minTreeSize());
    }

    @Test
    void entryBundlesCarryLengthPrefixes() {
        byte[] b = EntryBundle.encode(List.of(new byte[]{1, 2}, new byte[0]));
        assertArrayEquals(new byte[]{0, 2, 1, 2, 0, 0}, b);
        assertEquals(2, EntryBundle.decode(b).size());
        assertThrows(TlogFormatException.class, () -> EntryBundle.decode(new byte[]{0, 3, 1}));
        assertThrows(TlogFormatException.class, () -> EntryBundle.decode(new byte[]{0}));
    }

    /** The test vector of docs/transparency.md: a release entry's bytes and leaf hash. */
    static LogEntry.ReleasePublished vectorEntry() {
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName("acme", "hello"), Version.parse("1.0.0"), PackageKind.COMPONENT,
                Digest.of("manifest".getBytes(StandardCharsets.UTF_8)), Digest.of("wasm".getBytes(StandardCharsets.UTF_8)),
                Digest.of("wit".getBytes(StandardCharsets.UTF_8)));
        return new LogEntry.ReleasePublished(env, "0123456789abcdef0123456789abcdef", Base64.getEncoder().encodeToString(new byte[64]));
    }

    @Test
    void entriesRoundTripInCanonicalForm() {
        SigningKey k = SigningKey.generate();
        List<LogEntry> all = List.of(new LogEntry.NamespaceCreated("acme"),
                new LogEntry.KeyAdded("acme", k.publicKey(), null, null),
                new LogEntry.KeyAdded("acme", k.publicKey(), k.publicKey().keyId(), Base64.getEncoder().encodeToString(new byte[64])),
                new LogEntry.KeyRevoked("acme", k.publicKey().keyId()), vectorEntry(),
                new LogEntry.ReleaseYanked(new PackageName("acme", "hello"), Version.parse("1.0.0-rc.1+b7")),
                new LogEntry.ReleaseUnyanked(new PackageName("acme", "hello"), Version.parse("1.0.0")));
        for (LogEntry e : all) {
            assertEquals(e, LogEntries.parse(e.bytes()));
            byte[] crlf = e.text().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            assertThrows(TlogFormatException.class, () -> LogEntries.parse(crlf));
            byte[] extra = (e.text() + "x 1\n").getBytes(StandardCharsets.UTF_8);
            assertThrows(TlogFormatException.class, () -> LogEntries.parse(extra));
        }
        String vector = vectorEntry().text();
        assertTrue(vector.startsWith("asterai-log-v1 release-published\nkey 0123456789abcdef0123456789abcdef\n"));
        assertTrue(vector.endsWith(new String(vectorEntry().envelope().canonicalBytes(), StandardCharsets.UTF_8)));
        System.out.println("tlog test vector entry hex: " + HexFormat.of().formatHex(vectorEntry().bytes()));
        System.out.println("tlog test vector leaf hash: " + vectorEntry().leafHash().hex());
        // docs/transparency.md prints this vector
        assertEquals("01e400346c0661fc9eed607ee078039a2920f63b2563dbe0d479d6cc44a5b727", vectorEntry().leafHash().hex());
        assertThrows(TlogFormatException.class, () -> LogEntries.parse("asterai-log-v1 release-yanked\npackage acme:x\nversion 01.0.0\n".getBytes()));
        assertThrows(TlogFormatException.class, () -> LogEntries.parse("asterai-log-v1 other\n".getBytes()));
    }
}
