;; Hostile guest for the sandbox's listing of a granted directory (preopen fd 3, normally /data):
;; run() lists it with one fd_readdir and returns ok("name:type\n"...) with each entry's WASI file
;; type (3 directory, 4 regular file, 7 symbolic link); run-with(name) opens fd 3's name following
;; symlinks, reads up to 64 bytes and returns ok(bytes read) or err(errno in decimal).
;; Build: wat2wasm list-dir.wat -o list-dir.wasm (checked by HostileFixturesTest).
(module
  (import "wasi_snapshot_preview1" "fd_readdir"
    (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 1024: fd_readdir's buffer (8 KiB), 16384: the text built, 2048: return area,
  ;; 2064: scratch (bufused, opened fd, iovec, nread), 32768: what cabi_realloc hands out
  (global $heap (mut i32) (i32.const 32768))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (i32.and (i32.add (local.get 3) (i32.const 7)) (i32.const -8))))
    (local.get $p))
  ;; result<string, string> in the return area: case, pointer, byte length
  (func $result (param $case i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 2048) (local.get $case))
    (i32.store (i32.const 2052) (local.get $ptr))
    (i32.store (i32.const 2056) (local.get $len))
    (i32.const 2048))
  ;; writes n (0..999) in decimal at out; returns the end
  (func $decimal (param $n i32) (param $out i32) (result i32)
    (if (i32.ge_u (local.get $n) (i32.const 100))
      (then
        (i32.store8 (local.get $out) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 100))))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))))
    (if (i32.ge_u (local.get $n) (i32.const 10))
      (then
        (i32.store8 (local.get $out) (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (i32.const 10)) (i32.const 10))))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))))
    (i32.store8 (local.get $out) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.add (local.get $out) (i32.const 1)))
  (func (export "asterai:test/probe@0.1.0#run") (result i32)
    (local $errno i32) (local $used i32) (local $at i32) (local $out i32) (local $len i32)
    (local.set $errno (call $fd_readdir (i32.const 3) (i32.const 1024) (i32.const 8192) (i64.const 0) (i32.const 2064)))
    (if (local.get $errno)
      (then (return (call $result (i32.const 1) (i32.const 16384)
        (i32.sub (call $decimal (local.get $errno) (i32.const 16384)) (i32.const 16384))))))
    (local.set $used (i32.load (i32.const 2064)))
    (local.set $out (i32.const 16384))
    ;; each dirent: d_next u64, d_ino u64, d_namlen u32, d_type u8 at 20, the name at 24
    (block $done
      (loop $entries
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 24)) (local.get $used)))
        (local.set $len (i32.load (i32.add (i32.const 1040) (local.get $at))))
        (br_if $done (i32.gt_u (i32.add (i32.add (local.get $at) (i32.const 24)) (local.get $len)) (local.get $used)))
        (memory.copy (local.get $out) (i32.add (i32.const 1048) (local.get $at)) (local.get $len))
        (local.set $out (i32.add (local.get $out) (local.get $len)))
        (i32.store8 (local.get $out) (i32.const 58)) ;; ':'
        (local.set $out (call $decimal (i32.load8_u (i32.add (i32.const 1044) (local.get $at)))
          (i32.add (local.get $out) (i32.const 1))))
        (i32.store8 (local.get $out) (i32.const 10)) ;; '\n'
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.add (i32.const 24) (local.get $len))))
        (br $entries)))
    (call $result (i32.const 0) (i32.const 16384) (i32.sub (local.get $out) (i32.const 16384))))
  (func (export "asterai:test/probe@0.1.0#run-with") (param $name i32) (param $name-len i32) (result i32)
    (local $errno i32)
    ;; dirflags 1: follow symlinks; no oflags; rights fd_read (2); fd at 2068
    (local.set $errno (call $path_open (i32.const 3) (i32.const 1) (local.get $name) (local.get $name-len)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 2068)))
    (if (i32.eqz (local.get $errno))
      (then
        ;; one iovec at 2072: 64 bytes at 16384; bytes read at 2080
        (i32.store (i32.const 2072) (i32.const 16384))
        (i32.store (i32.const 2076) (i32.const 64))
        (local.set $errno (call $fd_read (i32.load (i32.const 2068)) (i32.const 2072) (i32.const 1) (i32.const 2080)))
        (if (i32.eqz (local.get $errno))
          (then (return (call $result (i32.const 0) (i32.const 16384) (i32.load (i32.const 2080))))))))
    (call $result (i32.const 1) (i32.const 16384)
      (i32.sub (call $decimal (local.get $errno) (i32.const 16384)) (i32.const 16384)))))
