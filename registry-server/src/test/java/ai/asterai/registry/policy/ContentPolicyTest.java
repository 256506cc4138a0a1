package ai.asterai.registry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wasm.WasmBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content policy alone: no Quarkus, no database; foreign WIT packages from a map. */
class ContentPolicyTest {
    private final ContentPolicy policy = new ContentPolicy(1 << 20);

    private static byte[] manifest(String name, String kind, String world) {
        return new Manifest(name, "1.0.0", kind, "d", List.of(), "MIT", world, Permissions.NONE).toJson();
    }

    private static InvalidInputException refused(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run);
    }

    @Test
    void theManifestMustNameThePackageOfTheUrl() {
        Manifest m = policy.manifest(manifest("acme:calc", "component", "acme:calc/calc"), new PackageName("acme", "calc"));
        assertEquals("acme:calc", m.name());
        InvalidInputException e = refused(() -> policy.manifest(manifest("acme:other", "component", "acme:other/w"),
                new PackageName("acme", "calc")));
        assertEquals("manifest.name", e.field());
    }

    @Test
    void componentsHaveAWasmPartAndInterfacesNone() {
        Manifest component = Manifest.parse(manifest("acme:calc", "component", "acme:calc/calc"));
        Manifest iface = Manifest.parse(manifest("acme:api", "interface", null));
        policy.parts(component, true);
        policy.parts(iface, false);
        assertEquals("wasm", refused(() -> policy.parts(component, false)).field());
        assertEquals("wasm", refused(() -> policy.parts(iface, true)).field());
    }

    @Test
    void theWitResolvesAndIndexesWhatTheReleaseExportsAndImports() {
        String dep = "package acme:log@1.0.0;\ninterface sink { write: func(s: string); }\n";
        byte[] wit = ("package acme:calc@1.0.0;\nworld calc {\n  import acme:log/sink@1.0.0;\n  export eval: func(e: string) -> f64;\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        Manifest m = Manifest.parse(manifest("acme:calc", "component", "acme:calc/calc"));
        ContentPolicy.WitIndex index = policy.wit(wit, m, id -> id.name().equals("log") ? dep : null).index();
        assertEquals("acme:calc@1.0.0", index.mainPackage());
        assertEquals(List.of("func:eval"), index.exports());
        assertEquals(List.of("acme:log/sink@1.0.0"), index.imports());

        Manifest noWorld = Manifest.parse(manifest("acme:calc", "component", "acme:calc/missing"));
        assertEquals("manifest.world", refused(() -> policy.wit(wit, noWorld, id -> dep)).field());
        assertEquals("wit", refused(() -> policy.wit(wit, m, id -> null)).field()); // the dependency is not there
        assertEquals("wit", refused(() -> policy.wit(new byte[0], m, id -> dep)).field());
        assertEquals("wit", refused(() -> policy.wit(new byte[] {(byte) 0xc0, (byte) 0xaf}, m, id -> dep)).field());
    }

    @Test
    void anInterfaceReleasesWitIsThatPackageAtThatVersion() {
        Manifest iface = Manifest.parse(manifest("acme:api", "interface", null));
        byte[] right = "package acme:api@1.0.0;\ninterface ping { ping: func(); }\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("acme:api/ping@1.0.0"), policy.wit(right, iface, id -> null).index().exports());
        byte[] otherName = "package acme:other@1.0.0;\ninterface ping { ping: func(); }\n".getBytes(StandardCharsets.UTF_8);
        byte[] noVersion = "package acme:api;\ninterface ping { ping: func(); }\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("wit", refused(() -> policy.wit(otherName, iface, id -> null)).field());
        assertEquals("wit", refused(() -> policy.wit(noVersion, iface, id -> null)).field());
    }

    @Test
    void theWasmIsCheckedWithinTheUploadLimit(@TempDir Path dir) throws Exception {
        Path ok = Files.write(dir.resolve("ok.wasm"), new byte[] {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0});
        assertEquals(WasmBinary.Kind.CORE_MODULE, policy.wasm(ok));
        // a custom section declaring a 256 MiB name: refused with its offset, nothing allocated for it
        Path hostile = Files.write(dir.resolve("bad.wasm"), new byte[] {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 5,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1});
        InvalidInputException e = refused(() -> policy.wasm(hostile));
        assertEquals("wasm", e.field());
        assertTrue(e.getMessage().contains("at byte 10"), e.getMessage());
        Path big = Files.write(dir.resolve("big.wasm"), new byte[(1 << 20) + 1]);
        assertTrue(refused(() -> new ContentPolicy(1 << 20).wasm(big)).getMessage().contains("more than the limit"));
    }
}
