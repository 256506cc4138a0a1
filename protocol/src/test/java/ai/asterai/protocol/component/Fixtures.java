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

    /**
     * Imports of an instance with a type and a function, a resource with a destructor, constructor and
     * method, records, variants, lists, flags, strings with realloc and post-return, canon lower,
     * resource.new, a nested component instantiated with type and function arguments:
     * <pre>
     * (component
     *   (import "wasi:logging/log{@literal @}0.1.0" (instance $log
     *     (type $l (enum "debug" "info" "error"))
     *     (export "level" (type $level (eq $l)))
     *     (export "log" (func (param "level" $level) (param "msg" string)))))
     *   (alias export $log "log" (func $logf))
     *   (alias export $log "level" (type $lvl))
     *   (type $point (record (field "x" s32) (field "y" f64)))
     *   (export $P "point" (type $point))
     *   (type $shape (variant (case "circle" f32) (case "none") (case "poly" (list $P))))
     *   (export $S "shape" (type $shape))
     *   (type $fl (flags "read" "write"))
     *   (export $F "perm" (type $fl))
     *   (core module $m
     *     (import "host" "log" (func $log (param i32 i32 i32)))
     *     (import "host" "new" (func $new (param i32) (result i32)))
     *     (memory (export "mem") 1)
     *     (global (mut i32) (i32.const 8))
     *     (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 16)
     *     (func (export "area") (param i32 i32 i32) (result f64) f64.const 1)
     *     (func (export "make") (param i32) (result i32) local.get 0 call $new)
     *     (func (export "get") (param i32) (result i32) local.get 0)
     *     (func (export "greet") (param i32 i32) (result i32) i32.const 0)
     *     (func (export "greet-post") (param i32))
     *     (func (export "pf") (param i32 f64) (result i32) i32.const 0))
     *   (core module $d (func (export "dtor") (param i32)))
     *   (core instance $di (instantiate $d))
     *   (alias core export $di "dtor" (core func $dt))
     *   (type $R (resource (rep i32) (dtor (core func $dt))))
     *   (export $R2 "counter" (type $R))
     *   (core module $mem (memory (export "mem") 1))
     *   (core instance $memi (instantiate $mem))
     *   (core func $lower (canon lower (func $logf) (memory (core memory $memi "mem")) string-encoding=utf8))
     *   (core func $rnew (canon resource.new $R))
     *   (core instance $host (export "log" (func $lower)) (export "new" (func $rnew)))
     *   (core instance $mi (instantiate $m (with "host" (instance $host))))
     *   (func $area (param "s" $S) (result f64) (canon lift (core func $mi "area") (memory (core memory $mi "mem")) (realloc (core func $mi "realloc"))))
     *   (export "area" (func $area))
     *   (func $make (param "v" u32) (result (own $R2)) (canon lift (core func $mi "make")))
     *   (export "[constructor]counter" (func $make))
     *   (func $get (param "self" (borrow $R2)) (result u32) (canon lift (core func $mi "get")))
     *   (export "[method]counter.get" (func $get))
     *   (func $greet (param "name" string) (result string) (canon lift (core func $mi "greet") (memory (core memory $mi "mem")) (realloc (core func $mi "realloc")) (post-return (core func $mi "greet-post"))))
     *   (export "greet" (func $greet))
     *   (component $inner
     *     (type $p (record (field "x" s32) (field "y" f64)))
     *     (import "p" (type $P (eq $p)))
     *     (type $f (flags "read" "write"))
     *     (import "fl" (type $F (eq $f)))
     *     (import "f" (func $f (param "p" $P) (result $F)))
     *     (export "g" (func $f)))
     *   (func $pf (param "p" $P) (result $F) (canon lift (core func $mi "pf")))
     *   (instance $in (instantiate $inner (with "p" (type $P)) (with "fl" (type $F)) (with "f" (func $pf))))
     *   (export "inner" (instance $in))
     * )
     * </pre>
     */
    static final byte[] RICH = HexFormat.of().parseHex(
            "0061736d0d000100073b014204016d0305646562756704696e666f056572726f720400056c6576656c030000014002056c6576656c0103"
            + "6d73677301000400036c6f6701020a1b010016776173693a6c6f6767696e672f6c6f6740302e312e300500061102010000036c6f670300"
            + "00056c6576656c070901720201787a0179750b0b010005706f696e74030200071e027003710306636972636c65017600046e6f6e650000"
            + "04706f6c790104000b0b0100057368617065030500070e016e0204726561640577726974650b0a0100047065726d03070001eb01006173"
            + "6d01000000012b0760037f7f7f0060017f017f60047f7f7f7f017f60037f7f7f017c60027f7f017f60017f0060027f7c017f0217020468"
            + "6f7374036c6f67000004686f7374036e657700010308070203010104050605030100010606017f0141080b073f08036d656d0200077265"
            + "616c6c6f63000204617265610003046d616b65000403676574000505677265657400060a67726565742d706f7374000702706600080a2b"
            + "07040041100b0b0044000000000000f03f0b0600200010010b040020000b040041000b02000b040041000b0016046e616d650002016d01"
            + "0b0200036c6f6701036e6577012e0061736d0100000001050160017f00030201000708010464746f7200000a040102000b0009046e616d"
            + "6500020164020401000100060a01000001000464746f720705013f7f01000b0d010007636f756e74657203090001230061736d01000000"
            + "0503010001070701036d656d0200000b046e616d650004036d656d02040100020006090100020101036d656d080a020100000203000002"
            + "090219020102036c6f670001036e6577000200000104686f7374120207080140010173060075061e030000010304617265610002010303"
            + "6d656d00000103077265616c6c6f63080a0100000302030104040b0b0a01000461726561010100070a02690a4001017679000c060a0100"
            + "000103046d616b65080601000005000d0b1a0100145b636f6e7374727563746f725d636f756e746572010300070d02680a40010473656c"
            + "660e00790609010000010303676574080601000006000f0b190100135b6d6574686f645d636f756e7465722e676574010500070b014001"
            + "046e616d65730073062e040000010305677265657400020103036d656d00000103077265616c6c6f63000001030a67726565742d706f73"
            + "74080c0100000703030204080509100b0b01000567726565740107000481010061736d0d000100070901720201787a0179750a07010001"
            + "70030000070e016e0204726561640577726974650a08010002666c030002070801400101700100030a060100016601040b070100016701"
            + "0000002e0e636f6d706f6e656e742d6e616d65000605696e6e657201050101000166010e03040001700101500201660301460708014001"
            + "01700300080608010000010302706608060100000a00110511010000030170030302666c0308016601090b0b010005696e6e6572050100"
            + "00b7010e636f6d706f6e656e742d6e616d6501140000030002647401056c6f7765720204726e6577010e00110300016d01016402036d65"
            + "6d01170012040002646901046d656d690204686f737403026d690124010600046c6f676601046172656103046d616b6505036765740705"
            + "6772656574090270660129030901036c766c0205706f696e74030150050573686170650601530702666c0801460901520a025232010904"
            + "010005696e6e6572010b050200036c6f670102696e");
}
