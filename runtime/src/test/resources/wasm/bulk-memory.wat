;; Test fixture for ContiguousMemoryGuestTest: the memory instructions clang's default features do not
;; emit (bulk memory: memory.init, data.drop, memory.fill, memory.copy), growth, and loads and stores
;; at the edges, so that ContiguousMemory is checked against Chicory's ByteArrayMemory through the
;; engines and not only through its Java API. Rebuild: wat2wasm bulk-memory.wat -o bulk-memory.wasm
;; (wabt 1.0.32); the test checks that the committed .wasm is that build when wat2wasm is present.
(module
  (memory (export "memory") 1 4)
  (data $greeting "hello, bulk memory")
  (data (i32.const 16) "active")

  (func (export "init") (param $dest i32) (param $off i32) (param $len i32)
    (memory.init $greeting (local.get $dest) (local.get $off) (local.get $len)))
  (func (export "drop")
    (data.drop $greeting))
  (func (export "fill") (param $dest i32) (param $value i32) (param $len i32)
    (memory.fill (local.get $dest) (local.get $value) (local.get $len)))
  (func (export "copy") (param $dest i32) (param $src i32) (param $len i32)
    (memory.copy (local.get $dest) (local.get $src) (local.get $len)))
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
  (func (export "size") (result i32)
    (memory.size))
  (func (export "load8") (param $a i32) (result i32)
    (i32.load8_u (local.get $a)))
  (func (export "load16") (param $a i32) (result i32)
    (i32.load16_s (local.get $a)))
  (func (export "load32") (param $a i32) (result i32)
    (i32.load (local.get $a)))
  (func (export "load64") (param $a i32) (result i64)
    (i64.load (local.get $a)))
  (func (export "store8") (param $a i32) (param $v i32)
    (i32.store8 (local.get $a) (local.get $v)))
  (func (export "store32") (param $a i32) (param $v i32)
    (i32.store (local.get $a) (local.get $v)))
  (func (export "store64") (param $a i32) (param $v i64)
    (i64.store (local.get $a) (local.get $v)))
  (func (export "loadf64_offset8") (param $a i32) (result f64)
    (f64.load offset=8 (local.get $a)))
  (func (export "storef32") (param $a i32) (param $v f32)
    (f32.store (local.get $a) (local.get $v)))
  (func (export "loadf32") (param $a i32) (result f32)
    (f32.load (local.get $a)))
  ;; the sum of the bytes in [a, a+n): a loop of loads, the shape the JIT sees in real guests
  (func (export "sum") (param $a i32) (param $n i32) (result i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $s))
)
