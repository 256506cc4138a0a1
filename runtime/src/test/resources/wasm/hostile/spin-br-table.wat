;; Hostile guest: run() and run-with(_) spin forever on a loop whose back-edge is a br_table.
;; The host must stop the call.
;; Build: wat2wasm spin-br-table.wat -o spin-br-table.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (global $spins (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  (func $spin (result i32)
    (block $out
      (loop $again
        (global.set $spins (i32.add (global.get $spins) (i32.const 1)))
        ;; index 0 and 1 go back to the loop, the default (never taken) leaves
        (br_table $again $again $out (i32.and (global.get $spins) (i32.const 1)))))
    (i32.const 0))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $spin))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $spin)))
