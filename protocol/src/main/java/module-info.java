/**
 * What the registry and the client must agree on, written once: names and versions, digests, Ed25519
 * keys and signatures, the signed release envelope, manifests, strict JSON, the WIT parser and model,
 * and the bounded structural check of WebAssembly binaries. No framework.
 */
module ai.asterai.protocol {
    requires transitive com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;

    exports ai.asterai.protocol;
    exports ai.asterai.protocol.crypto;
    exports ai.asterai.protocol.json;
    exports ai.asterai.protocol.component;
    exports ai.asterai.protocol.name;
    exports ai.asterai.protocol.oci;
    exports ai.asterai.protocol.release;
    exports ai.asterai.protocol.tlog;
    exports ai.asterai.protocol.wasm;
    exports ai.asterai.protocol.wit;
    exports ai.asterai.protocol.wit.model;

    // manifests and signature bundles are bound by Jackson
    opens ai.asterai.protocol.release to com.fasterxml.jackson.databind;
}
