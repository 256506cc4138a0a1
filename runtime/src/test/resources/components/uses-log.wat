;; A component that imports the host's asterai:log/logger interface and logs through it.
(component
  (import "asterai:log/logger@0.1.0" (instance $log
    (type $level' (enum "trace" "debug" "info" "warn" "error"))
    (export "level" (type $level (eq $level')))
    (export "log" (func (param "level" $level) (param "message" string) (param "fields" (list (tuple string string)))))))
  (core module $Mem
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $r i32)
      (global.set $next (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (local.set $r (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $r)))
  (core instance $mem (instantiate $Mem))
  (core func $log (canon lower (func $log "log") (memory (core memory $mem "mem")) (realloc (core func $mem "realloc"))))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "log" (func $log (param i32 i32 i32 i32 i32)))
    (data (i32.const 100) "hello from a component")
    (data (i32.const 200) "\f0\00\00\00\04\00\00\00\f8\00\00\00\02\00\00\00")
    (data (i32.const 240) "kind")
    (data (i32.const 248) "cm")
    (func (export "run")
      (call $log (i32.const 2) (i32.const 100) (i32.const 22) (i32.const 200) (i32.const 1))))
  (core instance $m (instantiate $M (with "" (instance (export "mem" (memory $mem "mem")) (export "log" (func $log))))))
  (func (export "run") (canon lift (core func $m "run")))
)
