;; Hostile guest: run() recurses without end (a plain call, so every frame stays on the stack);
;; run-with(_) does the same through call_indirect. The host must end the call as a trap (stack
;; exhausted) without a StackOverflowError escaping.
;; Build: wat2wasm recurse-forever.wat -o recurse-forever.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (type $rec (func (param i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $indirect)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  (func $direct (type $rec)
    ;; the add after the call keeps it from being a tail call
    (i64.add (call $direct (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
  (func $indirect (type $rec)
    (i64.add (call_indirect (type $rec) (i64.add (local.get 0) (i64.const 1)) (i32.const 0)) (i64.const 1)))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (drop (call $direct (i64.const 0)))
    (i32.const 0))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (drop (call $indirect (i64.const 0)))
    (i32.const 0)))
