;; Hostile guest: returns ok(string) whose bytes are not UTF-8: run() an encoded surrogate
;; (ED A0 80, CESU-8 for U+D800), run-with(_) an overlong encoding of NUL (C0 80). The host must
;; refuse to lift them (a trap), not hand on replacement characters.
;; Build: wat2wasm bad-utf8.wat -o bad-utf8.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (data (i32.const 1024) "ok \ed\a0\80")
  (data (i32.const 1040) "ok \c0\80")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 4096))
  ;; result<string, string> in the return area at 2048: case 0 (ok), pointer, byte length
  (func $ok (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 2048) (i32.const 0))
    (i32.store (i32.const 2052) (local.get $ptr))
    (i32.store (i32.const 2056) (local.get $len))
    (i32.const 2048))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $ok (i32.const 1024) (i32.const 6)))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $ok (i32.const 1040) (i32.const 5))))
