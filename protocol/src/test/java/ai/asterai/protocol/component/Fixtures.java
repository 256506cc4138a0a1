package ai.asterai.protocol.component;

import java.util.HexFormat;

/** Small components for the tests, written in the text format and turned into binaries by jco 1.35.0 (source beside each). */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * <pre>
     * (component
     *   (type $r (resource (rep i32)))
     *   (core module $m (func (export "f") (param i32) (result i32) local.get 0) (memory (export "mem") 1)
     *      (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
     *   (core instance $i (instantiate $m))
     *   (type $t (func (param "x" u32) (result u32)))
     *   (func $f (type $t) (canon lift (core func $i "f")))
     *   (export "f" (func $f)))
     * </pre>
     */
    static final byte[] LIFT = HexFormat.of().parseHex(
            "0061736d0d0001000704013f7f0001510061736d01000000010e0260017f017f60047f7f7f7f017f0303020001050301000107150301"
            + "660000036d656d0200077265616c6c6f6300010a0b02040020000b040041000b0009046e616d650002016d0204010000000708014001"
            + "017879007906070100000100016608060100000000010b070100016601000000300e636f6d706f6e656e742d6e616d65010600110100"
            + "016d01060012010001690105010100016601080302000172010174");
}
