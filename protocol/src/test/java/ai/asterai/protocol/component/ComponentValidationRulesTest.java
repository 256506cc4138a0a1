package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One component per validation rule, written in the text format (in the comment above each) and
 * turned into a binary by jco 1.35.0: each must be refused for that rule, with that reason.
 */
class ComponentValidationRulesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "s" string) (result u32) (canon lift (core func $i "ii") (realloc (core func $i "realloc")))))
            Arguments.of("STRING_WITHOUT_MEMORY", "`realloc` requires `memory`",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000070801400101737300790614020000010002696900000100077265616c6c6f630808"
                    + "0100000001040100001f0e636f6d706f6e656e742d6e616d65010600110100016d0106001201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "s" string) (result u32) (canon lift (core func $i "ii") (memory (core memory $i "mem")))))
            Arguments.of("STRING_WITHOUT_REALLOC", "`realloc` is required",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000070801400101737300790610020000010002696900020100036d656d080801000000"
                    + "01030000001f0e636f6d706f6e656e742d6e616d65010600110100016d0106001201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "s" string) (result u32) (canon lift (core func $i "ii") (memory (core memory $i "mem")) (realloc (core func $i "bad-realloc")))))
            Arguments.of("BAD_REALLOC", "incorrect signature",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000070801400101737300790620030000010002696900020100036d656d000001000b62"
                    + "61642d7265616c6c6f63080a01000000020300040100001f0e636f6d706f6e656e742d6e616d65010600110100016d010600"
                    + "1201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "a" u64) (result u32) (canon lift (core func $i "ri"))))
            Arguments.of("CORE_TYPE_MISMATCH", "type mismatch",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d02040100000007080140010161770079060801000001000272690806010000000000001f0e636f6d"
                    + "706f6e656e742d6e616d65010600110100016d0106001201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "a" u32) (result u32) (canon lift (core func $i "ri") (post-return (core func $i "n")))))
            Arguments.of("BAD_POST_RETURN", "post-return function type mismatch",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d02040100000007080140010161790079060e020000010002726900000100016e0808010000000105"
                    + "0100001f0e636f6d706f6e656e742d6e616d65010600110100016d0106001201000169"),
            // (component (type $r (resource (rep i32))) (type (func (result (borrow $r)))))
            Arguments.of("BORROW_RESULT", "cannot contain a `borrow`",
                    "0061736d0d000100070a033f7f0068004000000100160e636f6d706f6e656e742d6e616d6501050301000172"),
            // (component (type $t (record (field "a" u32))) (type (own $t)))
            Arguments.of("OWN_OF_RECORD", "is not a resource type",
                    "0061736d0d0001000708027201016179690000160e636f6d706f6e656e742d6e616d6501050301000174"),
            // (component (import "r" (type $r (sub resource))) (core func (canon resource.new $r)))
            Arguments.of("RESOURCE_NEW_IMPORTED", "is not a local resource",
                    "0061736d0d0001000a06010001720301080301020000160e636f6d706f6e656e742d6e616d6501050301000172"),
            // (component (import "Foo_bar" (func)))
            Arguments.of("BAD_KEBAB", "is not a valid extern name",
                    "0061736d0d000100070501400001000a0c010007466f6f5f6261720100"),
            // (component (import "a-b" (func)) (import "A-B" (func)))
            Arguments.of("CASE_CONFLICT", "conflicts with previous name",
                    "0061736d0d000100070501400001000a08010003612d620100070501400001000a08010003412d420101"),
            // (component (import "r" (type $r (sub resource))) (import "[method]r.f" (func (param "x" u32))))
            Arguments.of("METHOD_WITHOUT_SELF", "first parameter `self`",
                    "0061736d0d0001000a06010001720301070801400101787901000a1001000b5b6d6574686f645d722e66010100160e636f6d"
                    + "706f6e656e742d6e616d6501050301000172"),
            // (component (component $c (import "f" (func))) (instance (instantiate $c)))
            Arguments.of("MISSING_ARG", "missing import named `f`",
                    "0061736d0d000100042c0061736d0d000100070501400001000a0601000166010000130e636f6d706f6e656e742d6e616d65"
                    + "0002016305040100000000160e636f6d706f6e656e742d6e616d6501050401000163"),
            // (component (import "g" (func (param "x" u32))) (component $c (import "f" (func))) (instance (instantiate $c (with "f" (func 0)))))
            Arguments.of("WRONG_ARG_TYPE", "type mismatch for component instantiation argument `f`",
                    "0061736d0d000100070801400101787901000a06010001670100042c0061736d0d000100070501400001000a060100016601"
                    + "0000130e636f6d706f6e656e742d6e616d65000201630508010000010166010000160e636f6d706f6e656e742d6e616d6501"
                    + "050401000163"),
            // (component (component (alias outer 2 0 (type))))
            Arguments.of("OUTER_ALIAS_TOO_FAR", "invalid outer alias count",
                    "0061736d0d000100040f0061736d0d00010006050103020200"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "a" (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32)) (canon lift (core func $i "v") (memory (core memory $i "mem")))))
            Arguments.of("FLAT_PARAMS_NEED_REALLOC", "`realloc` is required",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000071b026f11797979797979797979797979797979797940010161000100060f020000"
                    + "0100017600020100036d656d08080100000001030001001f0e636f6d706f6e656e742d6e616d65010600110100016d010600"
                    + "1201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (func (param "a" (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32)) (canon lift (core func $i "v") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
            Arguments.of("FLAT_PARAMS_OK", null,
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000071b026f11797979797979797979797979797979797940010161000100061b030000"
                    + "0100017600020100036d656d00000100077265616c6c6f63080a01000000020300040101001f0e636f6d706f6e656e742d6e"
                    + "616d65010600110100016d0106001201000169"),
            // (component (core module $m (memory (export "mem") 1) (func (export "ri") (param i32) (result i32) i32.const 0) (func (export "ii") (param i32 i32) (result i32) i32.const 0) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0) (func (export "bad-realloc") (param i32 i32 i32) (result i32) i32.const 0) (func (export "v") (param i32)) (func (export "n"))) (core instance $i (instantiate $m)) (type $t (record (field "a" u32))) (func $f (param "x" $t) (canon lift (core func $i "v"))) (export "f" (func $f)))
            Arguments.of("UNNAMED_RECORD_EXPORT", "func not valid to be used as export",
                    "0061736d0d0001000195010061736d0100000001220660017f017f60027f7f017f60047f7f7f7f017f60037f7f7f017f6001"
                    + "7f006000000307060001020304050503010001073107036d656d020002726900000269690001077265616c6c6f6300020b62"
                    + "61642d7265616c6c6f63000301760004016e00050a1b06040041000b040041000b040041000b040041000b02000b02000b00"
                    + "09046e616d650002016d020401000000070d0272010161794001017800010006070100000100017608060100000000010b07"
                    + "01000166010000002d0e636f6d706f6e656e742d6e616d65010600110100016d010600120100016901050101000166010503"
                    + "01000174"),
            // (component (export "f" (func 3)))
            Arguments.of("INDEX_OUT_OF_BOUNDS", "func index out of bounds",
                    "0061736d0d0001000b0701000166010300"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRuleIsEnforced(String name, String reason, String hex) {
        byte[] binary = HexFormat.of().parseHex(hex);
        Component decoded = ComponentDecoder.decode(binary);
        if (reason == null) {
            assertDoesNotThrow(() -> ComponentValidator.validate(decoded));
            return;
        }
        InvalidComponentException e = assertThrows(InvalidComponentException.class, () -> ComponentValidator.validate(decoded));
        assertTrue(e.reason().contains(reason), name + ": " + e.getMessage());
        assertTrue(e.offset() > 8 && e.offset() < binary.length, name + ": offset " + e.offset());
    }
}
