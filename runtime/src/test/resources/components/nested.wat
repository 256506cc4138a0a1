;; Two nested components: $C lifts a function taking and returning strings in UTF-8, $D lowers it
;; with string-encoding=utf16 and calls it; the outer component re-exports $D's function.
(component
  (component $C
    (core module $M
      (memory (export "mem") 1)
      (global $next (mut i32) (i32.const 1024))
      (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (global.set $next (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
        (local.set $r (global.get $next))
        (global.set $next (i32.add (global.get $next) (local.get 3)))
        (if (i32.ne (local.get 0) (i32.const 0)) (then (memory.copy (local.get $r) (local.get 0) (local.get 1))))
        (local.get $r))
      ;; twice(s) = s + s
      (func (export "twice") (param $p i32) (param $n i32) (result i32)
        (local $out i32)
        (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.shl (local.get $n) (i32.const 1))))
        (memory.copy (local.get $out) (local.get $p) (local.get $n))
        (memory.copy (i32.add (local.get $out) (local.get $n)) (local.get $p) (local.get $n))
        (i32.store (i32.const 0) (local.get $out))
        (i32.store (i32.const 4) (i32.shl (local.get $n) (i32.const 1)))
        (i32.const 0))
    )
    (core instance $m (instantiate $M))
    (func (export "twice") (param "s" string) (result string)
      (canon lift (core func $m "twice") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  )
  (component $D
    (import "twice" (func $twice (param "s" string) (result string)))
    (core module $Libc
      (memory (export "mem") 1)
      (global $next (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (global.set $next (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
        (local.set $r (global.get $next))
        (global.set $next (i32.add (global.get $next) (local.get 3)))
        (if (i32.ne (local.get 0) (i32.const 0)) (then (memory.copy (local.get $r) (local.get 0) (local.get 1))))
        (local.get $r)))
    (core instance $libc (instantiate $Libc))
    (core func $twice' (canon lower (func $twice) string-encoding=utf16
      (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
    (core module $Main
      (import "" "mem" (memory 1))
      (import "" "twice" (func $twice (param i32 i32 i32)))
      ;; the argument arrives as UTF-16 (ptr, units); pass it on, return the UTF-16 result
      (func (export "run") (param $p i32) (param $n i32) (result i32)
        (call $twice (local.get $p) (local.get $n) (i32.const 16))
        (i32.const 16)))
    (core instance $main (instantiate $Main (with "" (instance
      (export "mem" (memory $libc "mem"))
      (export "twice" (func $twice'))))))
    (func (export "run") (param "s" string) (result string)
      (canon lift (core func $main "run") string-encoding=utf16
        (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  )
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "twice" (func $c "twice"))))
  (func (export "run") (alias export $d "run"))
)
