;; Hostile guest: run() and run-with(_) spin forever on a loop whose back-edge is a br_if
;; (Chicory's interpreter checked for interruption only on br). The host must stop the call.
;; Build: wat2wasm spin-br-if.wat -o spin-br-if.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (global $spins (mut i64) (i64.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  (func $spin (result i32)
    (loop $again
      (global.set $spins (i64.add (global.get $spins) (i64.const 1)))
      (br_if $again (i64.ne (global.get $spins) (i64.const -1))))
    (i32.const 0))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $spin))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $spin)))
