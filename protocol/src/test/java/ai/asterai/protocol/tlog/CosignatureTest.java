package ai.asterai.protocol.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** C2SP tlog-cosignature cosignature/v1: key hash with type 0x04, the signed message, the line's bytes; fuzz of the parser. */
class CosignatureTest {
    private static final SigningKey WITNESS = SigningKey.fromSeed("witness-test-key-0123456789abcde".getBytes(StandardCharsets.US_ASCII));
    private static final Checkpoint CP = new Checkpoint("example.com/behind-the-sofa", 20852163,
            Hash.parseBase64("root", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));

    @Test
    void keyHashUsesTheCosignatureTypeByte() {
        Cosigner c = new Cosigner("witness.example.com/w1", WITNESS);
        MessageDigest md = Digest.sha256();
        md.update("witness.example.com/w1\n".getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x04);
        md.update(WITNESS.publicKey().raw());
        assertEquals(ByteBuffer.wrap(md.digest()).getInt(), c.verifier().keyHash());
        // the same key as a log key (type 0x01) has another hash, so the two never match each other's lines
        assertTrue(NoteVerifier.of("witness.example.com/w1", WITNESS.publicKey()).keyHash() != c.verifier().keyHash());
        String text = c.verifier().text();
        assertTrue(text.startsWith("witness.example.com/w1+"), text);
        assertEquals((byte) 0x04, Base64.getDecoder().decode(text.substring(text.indexOf('+', text.indexOf('+') + 1) + 1))[0]);
        assertEquals(c.verifier(), CosignerKey.parse(text));
        assertThrows(TlogFormatException.class, () -> NoteVerifier.parse(text)); // not a log key
        assertThrows(TlogFormatException.class, () -> CosignerKey.parse(NoteVerifier.of("w", WITNESS.publicKey()).text()));
    }

    @Test
    void signsTheHeaderTimeAndWholeBody() {
        Cosigner c = new Cosigner("witness.example.com/w1", WITNESS);
        Cosignature s = c.cosign(CP, 1679315147);
        String message = "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        assertEquals(message, new String(Cosignature.message(1679315147, CP.text()), StandardCharsets.UTF_8));
        assertTrue(ai.asterai.protocol.crypto.SignatureVerifier.verify(WITNESS.publicKey(), message.getBytes(StandardCharsets.UTF_8), s.signature()));
        NoteSignature line = s.noteSignature();
        byte[] raw = line.signature();
        assertEquals(72, raw.length);
        assertEquals(1679315147L, ByteBuffer.wrap(raw, 0, 8).getLong());
        assertEquals(1679315147L, c.verifier().verify(CP.text(), line));
        assertEquals(s, Cosignature.of(line));

        // a cosigned note round-trips through the signed-note parser
        NoteSigner log = new NoteSigner("example.com/behind-the-sofa", SigningKey.generate());
        SignedNote signed = SignedNote.sign(CP.text(), log);
        List<NoteSignature> lines = new ArrayList<>(signed.signatures());
        lines.add(line);
        SignedNote parsed = SignedNote.parse(new SignedNote(CP.text(), lines).format().getBytes(StandardCharsets.UTF_8));
        assertEquals(CP.text(), parsed.verifiedBy(log.verifier()));
        assertEquals(1679315147L, c.verifier().verify(parsed.text(), parsed.signatures().get(1)));
    }

    @Test
    void refusesOtherKeysOtherTextsAndBadLengths() {
        Cosigner c = new Cosigner("w1", WITNESS);
        Cosigner other = new Cosigner("w1", SigningKey.generate());
        NoteSignature line = c.cosign(CP, 100).noteSignature();
        assertThrows(TlogFormatException.class, () -> other.verifier().verify(CP.text(), line));
        Checkpoint later = new Checkpoint(CP.origin(), CP.size() + 1, CP.root());
        assertThrows(TlogFormatException.class, () -> c.verifier().verify(later.text(), line));
        byte[] sig = line.signature();
        sig[8] ^= 1;
        assertThrows(TlogFormatException.class, () -> c.verifier().verify(CP.text(), new NoteSignature("w1", line.keyHash(), sig)));
        byte[] shortSig = new byte[71];
        assertThrows(TlogFormatException.class, () -> c.verifier().verify(CP.text(), new NoteSignature("w1", line.keyHash(), shortSig)));
        byte[] negative = line.signature();
        negative[0] = (byte) 0x80;
        assertThrows(TlogFormatException.class, () -> Cosignature.of(new NoteSignature("w1", line.keyHash(), negative)));
        // the timestamp is signed: changing it breaks the signature
        byte[] time = line.signature();
        time[7] ^= 1;
        assertThrows(TlogFormatException.class, () -> c.verifier().verify(CP.text(), new NoteSignature("w1", line.keyHash(), time)));
    }

    /** Mutated cosigned notes and cosigner keys: accepted or a TlogFormatException, never another exception. */
    @Test
    void fuzzTheCosignatureParser() {
        SplittableRandom rnd = new SplittableRandom(0xC051_6E5L);
        Cosigner c = new Cosigner("witness.example.com/w1", WITNESS);
        NoteSigner log = new NoteSigner(CP.origin(), SigningKey.generate());
        SignedNote signed = SignedNote.sign(CP.text(), log);
        List<NoteSignature> lines = new ArrayList<>(signed.signatures());
        lines.add(c.cosign(CP, 1679315147).noteSignature());
        byte[] note = new SignedNote(CP.text(), lines).format().getBytes(StandardCharsets.UTF_8);
        long[] counts = new long[2];
        long cases = 0;
        cases += TlogFuzzTest.fuzz(rnd, note, b -> {
            SignedNote n = SignedNote.parse(b);
            Checkpoint.parse(n.text());
            for (NoteSignature s : n.signatures()) {
                if (c.verifier().matches(s)) {
                    c.verifier().verify(n.text(), s);
                }
                Cosignature.of(s);
            }
        }, counts);
        cases += TlogFuzzTest.fuzz(rnd, c.verifier().text().getBytes(StandardCharsets.UTF_8),
                b -> CosignerKey.parse(new String(b, StandardCharsets.UTF_8)), counts);
        System.out.printf("cosignature fuzz: %d cases, %d refused, %d accepted, 0 crashes%n", cases, counts[1], counts[0]);
        assertTrue(cases > 6000, "cases: " + cases);
    }
}
