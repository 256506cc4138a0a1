package ai.asterai.runtime;

import ai.asterai.runtime.failure.ComponentTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.protocol.wit.WitResolver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hand-written module (WAT below, built with wat2wasm) using wit-component's newer {@code cm32p2}
 * names, that traps in every way: a trap fails only that call, with a typed error, and the next call
 * gets a fresh instance ({@code cm32p2_initialize} runs again, state is reset).
 *
 * <pre>
 * (module
 *   (memory (export "cm32p2_memory") 1 2)
 *   (global $init (mut i32) (i32.const 0))
 *   (func (export "cm32p2_initialize") (global.set $init (i32.const 1)))
 *   (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
 *   (func (export "cm32p2|test:traps/api@0.1|add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
 *   (func (export "cm32p2|test:traps/api@0.1|initialized") (result i32) (global.get $init))
 *   (func (export "cm32p2|test:traps/api@0.1|crash") (unreachable))
 *   (func $rec (export "cm32p2|test:traps/api@0.1|recurse") (param i32) (result i32) (call $rec (i32.add (local.get 0) (i32.const 1))))
 *   (func (export "cm32p2|test:traps/api@0.1|oob") (result i32) (i32.load (i32.const 200000)))
 *   (func (export "cm32p2|test:traps/api@0.1|set") (param i32) (global.set $init (local.get 0)))
 *   (func (export "cm32p2|test:traps/api@0.1|bad-string") (result i32)
 *     (i32.store (i32.const 8) (i32.const 60000)) (i32.store (i32.const 12) (i32.const 100000)) (i32.const 8)))
 * </pre>
 */
class TrapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] WASM = HexFormat.of().parseHex("0061736d01000000011f0660000060047f7f7f7f017f60027f7f017f6000017f60017f017f60017f00030a090001020300040305030504010101020606017f0141000b07ab020a0d636d333270325f6d656d6f7279020011636d333270325f696e697469616c697a6500000e636d333270325f7265616c6c6f6300011d636d333270327c746573743a74726170732f61706940302e317c616464000225636d333270327c746573743a74726170732f61706940302e317c696e697469616c697a656400031f636d333270327c746573743a74726170732f61706940302e317c6372617368000421636d333270327c746573743a74726170732f61706940302e317c7265637572736500051d636d333270327c746573743a74726170732f61706940302e317c6f6f6200061d636d333270327c746573743a74726170732f61706940302e317c736574000724636d333270327c746573743a74726170732f61706940302e317c6261642d737472696e6700080a51090600410124000b05004180080b0700200020016a0b040023000b0300000b0900200041016a10050b090041c09a0c2802000b0600200024000b1600410841e0d403360200410c41a08d0636020041080b");
    static final String WIT = """
            package test:traps@0.1.0;
            interface api {
                add: func(a: u32, b: u32) -> u32;
                initialized: func() -> u32;
                crash: func();
                recurse: func(n: u32) -> u32;
                oob: func() -> u32;
                set: func(v: u32);
                bad-string: func() -> string;
            }
            world traps {
                export api;
            }
            """;

    static ComponentSource source() {
        return new ComponentSource("test:traps", "0.1.0", WASM, WitResolver.resolveText("traps.wit", WIT, DepsProvider.NONE),
                "test:traps/traps@0.1.0", new Permissions(List.of(), List.of(), List.of(), 65536L * 2, 2000L, List.of()), "test");
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void everyTrapFailsOnlyThatCall(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent c = s.runtime().load(source(), Grants.NONE);
            assertEquals(json("5"), c.call("add", json("[2,3]")));
            assertEquals(json("1"), c.call("initialized", json("[]")));
            c.call("set", json("[42]"));
            assertEquals(json("42"), c.call("initialized", json("[]")));

            ComponentTrap crash = assertThrows(ComponentTrap.class, () -> c.call("crash", json("[]")));
            assertTrue(crash.getMessage().contains("trapped"), crash.getMessage());
            assertEquals("trap", crash.kind());
            assertEquals(json("1"), c.call("initialized", json("[]")), "a fresh instance after the trap");

            ComponentTrap deep = assertThrows(ComponentTrap.class, () -> c.call("recurse", json("[0]")));
            assertTrue(deep.getMessage().toLowerCase().contains("stack"), deep.getMessage());
            ComponentTrap oob = assertThrows(ComponentTrap.class, () -> c.call("oob", json("[]")));
            assertTrue(oob.getMessage().toLowerCase().contains("out of bounds"), oob.getMessage());
            ComponentTrap abi = assertThrows(ComponentTrap.class, () -> c.call("bad-string", json("[]")));
            assertTrue(abi.getMessage().contains("canonical ABI violation"), abi.getMessage());
            assertEquals(json("7"), c.call("add", json("[3,4]")));
            assertTrue(s.log().records().stream().anyMatch(r -> r.message().contains("instance replaced")));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void memoryAboveTheCapAtStartIsRefused(EngineKind engine) {
        try (Examples.Setup s = Examples.runtime(engine)) {
            ComponentSource tooSmall = source().withPermissions(new Permissions(List.of(), List.of(), List.of(), 1024L, null, List.of()));
            // 1 KiB rounds up to the minimum of one page, which the module's one initial page fits
            s.runtime().load(tooSmall, Grants.NONE);
        }
    }
}
