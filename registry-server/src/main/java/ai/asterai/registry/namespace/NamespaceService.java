package ai.asterai.registry.namespace;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.Text;
import ai.asterai.protocol.crypto.PublicKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.db.UniqueViolation;
import ai.asterai.registry.failure.Conflict;
import ai.asterai.registry.failure.Forbidden;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.policy.RecordPolicy;
import ai.asterai.registry.tlog.TransparencyLog;
import ai.asterai.protocol.tlog.LogEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Namespaces and the keys that sign for them. */
@ApplicationScoped
public class NamespaceService {
    private final NamespaceStore store;
    private final TransparencyLog log;

    public NamespaceService(NamespaceStore store, TransparencyLog log) {
        this.store = store;
        this.log = log;
    }

    public Namespace create(String name) {
        PackageName.requireLabel("name", name);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (store.byName(name) != null) {
                    throw new Conflict("namespace '" + name + "' already exists");
                }
                Namespace ns = store.insert(name, OffsetDateTime.now(ZoneOffset.UTC));
                log.append(new LogEntry.NamespaceCreated(name));
                return ns;
            });
        } catch (PersistenceException e) {
            if (UniqueViolation.in(e)) {
                // lost a race with another replica creating the same name
                throw new Conflict("namespace '" + name + "' already exists");
            }
            throw e;
        }
    }

    public Namespace require(String name) {
        PackageName.requireLabel("namespace", name);
        Namespace ns = store.byName(name);
        if (ns == null) {
            throw new NotFound("namespace '" + name + "' does not exist");
        }
        return ns;
    }

    /** A namespace's keys, oldest first, revoked ones included (they verify what they signed before). */
    public List<NamespaceKey> keys(Namespace ns) {
        return store.keys(ns.id);
    }

    /** One key of the namespace, or null. */
    public NamespaceKey key(Namespace ns, String keyId) {
        return store.key(ns.id, keyId);
    }

    /** The namespace, or null: for callers that decide themselves what a missing one means. */
    public Namespace find(String name) {
        return store.byName(name);
    }

    public record AddKey(String publicKey, String label, String signerKeyId, String signature) {
    }

    /**
     * Adds a key. It must be vouched for by an active key of the namespace; only the administrator
     * may add an unsigned key, and only while the namespace has no active key (the first key).
     */
    public NamespaceKey addKey(Caller caller, String namespace, AddKey req) {
        if (req == null) {
            throw new InvalidInputException("body", "request body is required");
        }
        PublicKey key = PublicKey.parse(req.publicKey());
        if (req.label() != null && req.label().length() > 100) {
            throw new InvalidInputException("label", "label must be at most 100 printable characters");
        }
        Text.requireLine("label", req.label());
        return QuarkusTransaction.requiringNew().call(() -> {
            Namespace ns = require(namespace);
            // serialise key changes of one namespace across replicas
            store.lockForKeyChange(ns);
            boolean hasActive = store.keys(ns.id).stream().anyMatch(NamespaceKey::active);
            if (store.key(ns.id, key.keyId()) != null) {
                throw new Conflict("key " + key.keyId() + " is already registered in '" + namespace + "'");
            }
            if (req.signerKeyId() == null && req.signature() == null) {
                if (!caller.admin()) {
                    throw new Forbidden("a new key must be signed by a current key of '" + namespace + "' (signerKeyId, signature)");
                }
                if (hasActive) {
                    throw new Forbidden("namespace '" + namespace + "' has active keys: a new key must be signed by one of them");
                }
            } else {
                verifyVouch(ns, key, req);
            }
            NamespaceKey k = new NamespaceKey();
            k.namespaceId = ns.id;
            k.keyId = key.keyId();
            k.publicKey = key.toString();
            k.label = req.label();
            k.signerKeyId = req.signerKeyId();
            k.signature = req.signature();
            k.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            NamespaceKey inserted = store.insertKey(k);
            // the vouching signature in canonical base64 (it verified, so it decodes to 64 bytes)
            String signature = req.signature() == null ? null
                    : java.util.Base64.getEncoder().encodeToString(java.util.Base64.getDecoder().decode(req.signature()));
            log.append(new LogEntry.KeyAdded(ns.name, key, req.signerKeyId(), signature));
            return inserted;
        });
    }

    private void verifyVouch(Namespace ns, PublicKey key, AddKey req) {
        if (req.signerKeyId() == null || req.signature() == null) {
            throw new InvalidInputException("signature", "signerKeyId and signature go together");
        }
        if (!PublicKey.isValidKeyId(req.signerKeyId())) {
            throw new InvalidInputException("signerKeyId", "signerKeyId must be 32 lowercase hex digits");
        }
        NamespaceKey signer = store.key(ns.id, req.signerKeyId());
        if (signer == null || !signer.active()) {
            throw new Forbidden("signer key " + req.signerKeyId() + " is not an active key of '" + ns.name + "'");
        }
        RecordPolicy.vouches(ns.name, key, req.signerKeyId(), req.signature(), signer.onRecord());
    }

    public NamespaceKey revoke(String namespace, String keyId) {
        if (!PublicKey.isValidKeyId(keyId)) {
            throw new InvalidInputException("keyId", "key id must be 32 lowercase hex digits");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Namespace ns = require(namespace);
            store.lockForKeyChange(ns);
            NamespaceKey k = store.key(ns.id, keyId);
            if (k == null) {
                throw new NotFound("namespace '" + namespace + "' has no key " + keyId);
            }
            if (!k.active()) {
                throw new Conflict("key " + keyId + " was already revoked at " + k.revokedAt);
            }
            store.revokeKey(k, OffsetDateTime.now(ZoneOffset.UTC));
            log.append(new LogEntry.KeyRevoked(ns.name, keyId));
            return k;
        });
    }
}
