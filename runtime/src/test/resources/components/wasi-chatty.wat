;; A component that writes as much as it is asked to stdout (wasi:cli 0.2.0 and wasi:io streams):
;; chat(lines, width) writes `lines` lines of `width` bytes each and returns how many writes the
;; stream refused (0: the host drops output over its per-call cap instead of failing the writes).
(component $C
  (import "wasi:io/error@0.2.0" (instance $error-i (export "error" (type (sub resource)))))
  (alias export $error-i "error" (type $error))
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type $out (sub resource)))
    (alias outer $C $error (type $e'))
    (export "error" (type $e (eq $e')))
    (type $se' (variant (case "last-operation-failed" (own $e)) (case "closed")))
    (export "stream-error" (type $se (eq $se')))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $out)) (param "contents" (list u8)) (result (result (error $se)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer $C $output-stream (type $o'))
    (export "output-stream" (type $o (eq $o')))
    (export "get-stdout" (func (result (own $o))))))

  (core module $Mem (memory (export "mem") 2))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $write (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory $memory)))
  (core func $drop-out (canon resource.drop $output-stream))

  (core module $M
    (import "" "mem" (memory 1))
    (import "" "get-stdout" (func $get-stdout (result i32)))
    (import "" "write" (func $write (param i32 i32 i32 i32)))
    (import "" "drop-out" (func $drop-out (param i32)))
    (func (export "chat") (param $lines i32) (param $width i32) (result i32)
      (local $out i32) (local $i i32) (local $failed i32)
      ;; a line of `width` x's and a newline at 1024 (at most 64 KiB - 1 KiB wide)
      (memory.fill (i32.const 1024) (i32.const 120) (local.get $width))
      (i32.store8 (i32.add (i32.const 1024) (local.get $width)) (i32.const 10))
      (local.set $out (call $get-stdout))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $lines)))
          (call $write (local.get $out) (i32.const 1024) (i32.add (local.get $width) (i32.const 1)) (i32.const 64))
          (local.set $failed (i32.add (local.get $failed) (i32.load8_u (i32.const 64))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $drop-out (local.get $out))
      (local.get $failed)))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory)) (export "get-stdout" (func $get-stdout)) (export "write" (func $write))
    (export "drop-out" (func $drop-out))))))
  (func (export "chat") (param "lines" u32) (param "width" u32) (result u32) (canon lift (core func $m "chat")))
)
