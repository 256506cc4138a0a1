;; Hostile guest: grows its memory up to the cap, then fills (run) or copies (run-with) all of it
;; over and over: every bulk instruction is long but bounded by the cap, the loop is not. The host
;; must stop the call between two of them.
;; Build: wat2wasm spin-memory-fill.wat -o spin-memory-fill.wasm (checked by HostileFixturesTest).
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 1024))
  ;; grows a page at a time until memory.grow fails; returns the size in bytes
  (func $grow-to-cap (result i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    (i32.mul (memory.size) (i32.const 65536)))
  (func $fill-forever (result i32)
    (local $bytes i32)
    (local $round i32)
    (local.set $bytes (call $grow-to-cap))
    (loop $again
      (memory.fill (i32.const 0) (local.get $round) (local.get $bytes))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $again (i32.ne (local.get $round) (i32.const -1))))
    (i32.const 0))
  (func $copy-forever (result i32)
    (local $half i32)
    (local $round i32)
    (local.set $half (i32.shr_u (call $grow-to-cap) (i32.const 1)))
    (loop $again
      ;; overlapping copies, one way then the other
      (memory.copy (i32.const 1) (i32.const 0) (local.get $half))
      (memory.copy (i32.const 0) (local.get $half) (local.get $half))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $again (i32.ne (local.get $round) (i32.const -1))))
    (i32.const 0))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (call $fill-forever))
  (func (export "asterai:test/probe@0.1.0#run-with") (param i32 i32) (result i32)
    (call $copy-forever)))
