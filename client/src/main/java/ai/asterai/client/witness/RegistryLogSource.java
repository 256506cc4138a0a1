package ai.asterai.client.witness;

import ai.asterai.client.failure.NetworkException;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.registry.RegistryJson;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.TlogFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A registry's log over HTTP: {@code /tlog/checkpoint}, {@code /tlog/proof/consistency}, {@code POST /tlog/cosignature}. */
public final class RegistryLogSource implements Witness.LogSource {
    private final RegistryClient client;

    public RegistryLogSource(RegistryClient client) {
        this.client = client;
    }

    @Override
    public byte[] checkpoint() {
        return client.tlog("checkpoint");
    }

    @Override
    public List<Hash> consistencyProof(long from, long to) {
        byte[] body = client.tlog("proof/consistency?from=" + from + "&to=" + to);
        try {
            JsonNode hashes = RegistryJson.mapper().readTree(body).path("hashes");
            if (!hashes.isArray() || hashes.size() > Merkle.MAX_PROOF_HASHES) {
                throw new WitnessException("witness", "the registry's consistency proof from " + from + " to " + to + " is not a list of at most "
                        + Merkle.MAX_PROOF_HASHES + " hashes");
            }
            List<Hash> out = new ArrayList<>(hashes.size());
            for (JsonNode h : hashes) {
                out.add(Hash.parseBase64("proof", h.asText()));
            }
            return out;
        } catch (IOException e) {
            throw new NetworkException(client.url().value(), "the registry's consistency proof is not JSON", null);
        } catch (TlogFormatException e) {
            throw new WitnessException("witness", "the registry's consistency proof: " + e.getMessage());
        }
    }

    @Override
    public void submit(byte[] cosignedNote) {
        client.postCosignature(cosignedNote);
    }
}
