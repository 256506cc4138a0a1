;; Hostile guest: run() and run-with(_) loop forever by tail-calling themselves (return_call),
;; which never grows the interpreter's stack. The host must stop the call (the compiler turns
;; return_call into call + return, so there it ends as an exhausted stack).
;; Build: wat2wasm --enable-tail-call spin-tail-call.wat -o spin-tail-call.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  (func $spin (param $n i64) (result i32)
    (return_call $spin (i64.add (local.get $n) (i64.const 1))))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $spin (i64.const 0)))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $spin (i64.const 0))))
