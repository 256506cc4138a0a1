package ai.asterai.registry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The record policy alone: keys as a store would hand them over, no Quarkus, no database. */
class RecordPolicyTest {
    private final SigningKey key = SigningKey.generate();
    private final RecordPolicy.KeyOnRecord active = new RecordPolicy.KeyOnRecord(key.publicKey().keyId(), key.publicKey().toString(), null);
    private final ReleaseEnvelope envelope = new ReleaseEnvelope(new PackageName("acme", "calc"), Version.parse("1.0.0"),
            PackageKind.COMPONENT, Digest.of(new byte[] {1}), Digest.of(new byte[] {2}), Digest.of(new byte[] {3}));

    @Test
    void onlyAnActiveKeyOfTheNamespaceMayPublish() {
        assertEquals(active, RecordPolicy.mayPublish("acme", active.keyId(), active));
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> RecordPolicy.mayPublish("acme", "ab", null));
        assertTrue(unknown.getMessage().contains("is not a key of namespace 'acme'"));
        RecordPolicy.KeyOnRecord revoked = new RecordPolicy.KeyOnRecord(active.keyId(), active.publicKey(), OffsetDateTime.now());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RecordPolicy.mayPublish("acme", active.keyId(), revoked));
        assertEquals("signature", e.field());
        assertTrue(e.getMessage().contains("was revoked"));
    }

    @Test
    void theSignatureMustCoverTheEnvelope() {
        RecordPolicy.releaseSigned(envelope, SignatureBundle.sign(key, envelope.canonicalBytes()), active);
        ReleaseEnvelope other = new ReleaseEnvelope(new PackageName("acme", "calc"), Version.parse("1.0.1"),
                PackageKind.COMPONENT, Digest.of(new byte[] {1}), Digest.of(new byte[] {2}), Digest.of(new byte[] {3}));
        assertEquals("signature", assertThrows(InvalidInputException.class,
                () -> RecordPolicy.releaseSigned(envelope, SignatureBundle.sign(key, other.canonicalBytes()), active)).field());
        // a key stored before keys were checked (all zeros): verifies nothing, never throws anything else
        RecordPolicy.KeyOnRecord unusable = new RecordPolicy.KeyOnRecord("00", "ed25519:" + Base64.getEncoder().encodeToString(new byte[32]), null);
        assertThrows(InvalidInputException.class,
                () -> RecordPolicy.releaseSigned(envelope, SignatureBundle.sign(key, envelope.canonicalBytes()), unusable));
    }

    @Test
    void aNewKeyIsVouchedForByACurrentKey() {
        SigningKey added = SigningKey.generate();
        byte[] statement = new KeyStatement("acme", added.publicKey(), active.keyId()).canonicalBytes();
        RecordPolicy.vouches("acme", added.publicKey(), active.keyId(), Base64.getEncoder().encodeToString(key.sign(statement)), active);
        // signed by the new key itself, or for another namespace: refused
        String selfSigned = Base64.getEncoder().encodeToString(added.sign(statement));
        assertThrows(InvalidInputException.class, () -> RecordPolicy.vouches("acme", added.publicKey(), active.keyId(), selfSigned, active));
        String otherNs = Base64.getEncoder().encodeToString(key.sign(new KeyStatement("evil", added.publicKey(), active.keyId()).canonicalBytes()));
        assertThrows(InvalidInputException.class, () -> RecordPolicy.vouches("acme", added.publicKey(), active.keyId(), otherNs, active));
        assertEquals("signature", assertThrows(InvalidInputException.class,
                () -> RecordPolicy.vouches("acme", added.publicKey(), active.keyId(), "!!", active)).field());
    }
}
