package ai.asterai.client.trust;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.release.ListedKey;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.release.KeyStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which of a namespace's keys to trust. It starts from the pinned keys (or, on first use,
 * pins what the registry lists: trust on first use) and follows signed key statements
 * (docs/signing.md) forward: a key is trusted when a trusted key signed its addition before that
 * key was revoked. A key the registry added without such a signature is never trusted
 * automatically; the user has to reset the pins.
 */
public final class KeyTrust {
    private KeyTrust() {
    }

    /** The outcome: every trusted key by id, and the pins to add once the pull succeeds. */
    public record Decision(String namespace, Map<String, ListedKey> trusted, List<PinnedKey> newPins, boolean firstUse) {
        public boolean trusts(String keyId) {
            return trusted.containsKey(keyId);
        }
    }

    public static Decision evaluate(String namespace, Optional<NamespacePins> pins, List<ListedKey> listed,
                                    List<PublicKey> explicitlyTrusted, Instant now) {
        Map<String, ListedKey> byId = new LinkedHashMap<>();
        for (ListedKey k : listed) {
            PublicKey pk = parseKey(namespace, k.publicKey());
            if (!pk.keyId().equals(k.keyId())) {
                throw new VerificationException("namespace '" + namespace + "'",
                        "the registry lists key " + k.keyId() + " with a public key whose id is " + pk.keyId());
            }
            byId.put(k.keyId(), k);
        }
        String stamp = now.toString();
        List<PinnedKey> newPins = new ArrayList<>();
        Map<String, PublicKey> trustedKeys = new LinkedHashMap<>();
        boolean firstUse = pins.isEmpty() && explicitlyTrusted.isEmpty();
        pins.ifPresent(p -> p.keys().forEach(k -> trustedKeys.put(k.keyId(), parseKey(namespace, k.publicKey()))));
        for (PublicKey k : explicitlyTrusted) {
            if (!trustedKeys.containsKey(k.keyId())) {
                trustedKeys.put(k.keyId(), k);
                newPins.add(new PinnedKey(k.keyId(), k.toString(), stamp, "--trusted-key"));
            }
        }
        if (firstUse) {
            for (ListedKey k : listed) {
                trustedKeys.put(k.keyId(), parseKey(namespace, k.publicKey()));
                newPins.add(new PinnedKey(k.keyId(), k.publicKey(), stamp, "first use"));
            }
        }
        // follow signed rotations until nothing changes (the list is short: one pass per generation)
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ListedKey k : listed) {
                if (trustedKeys.containsKey(k.keyId()) || k.signerKeyId() == null || k.signature() == null) {
                    continue;
                }
                PublicKey signer = trustedKeys.get(k.signerKeyId());
                if (signer == null || !signedBeforeRevocation(k, byId.get(k.signerKeyId()))) {
                    continue;
                }
                PublicKey key = parseKey(namespace, k.publicKey());
                if (SignatureVerifier.verify(signer, new KeyStatement(namespace, key, k.signerKeyId()).canonicalBytes(),
                        decode(k.signature()))) {
                    trustedKeys.put(k.keyId(), key);
                    newPins.add(new PinnedKey(k.keyId(), k.publicKey(), stamp, "rotation signed by " + k.signerKeyId()));
                    grew = true;
                }
            }
        }
        Map<String, ListedKey> trusted = new LinkedHashMap<>();
        for (ListedKey k : listed) {
            if (trustedKeys.containsKey(k.keyId())) {
                trusted.put(k.keyId(), k);
            }
        }
        return new Decision(namespace, trusted, newPins, firstUse);
    }

    /** A revoked key vouches only for keys added before its revocation. */
    private static boolean signedBeforeRevocation(ListedKey key, ListedKey signer) {
        if (signer == null || signer.revokedAt() == null) {
            return true;
        }
        Optional<Instant> added = key.added();
        Optional<Instant> revoked = signer.revoked();
        return added.isPresent() && revoked.isPresent() && added.get().isBefore(revoked.get());
    }

    private static PublicKey parseKey(String namespace, String text) {
        try {
            return PublicKey.parse(text);
        } catch (InvalidInputException e) {
            throw new VerificationException("namespace '" + namespace + "'", "a listed key is malformed: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
