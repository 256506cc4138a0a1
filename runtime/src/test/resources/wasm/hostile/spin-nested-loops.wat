;; Hostile guest: run() and run-with(_) spin forever in nested loops: the inner loop counts down
;; and falls through, the outer loop's back-edge is a br from inside an if inside a block (a jump
;; across several control frames). The host must stop the call.
;; Build: wat2wasm spin-nested-loops.wat -o spin-nested-loops.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  (func $spin (result i32)
    (local $i i32)
    (local $outer i64)
    (loop $outer-loop
      (local.set $i (i32.const 100))
      (loop $inner
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br_if $inner (local.get $i)))
      (local.set $outer (i64.add (local.get $outer) (i64.const 1)))
      (block $skip
        (if (i64.ne (local.get $outer) (i64.const -1))
          (then (br $outer-loop)))))
    (i32.const 0))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $spin))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $spin)))
