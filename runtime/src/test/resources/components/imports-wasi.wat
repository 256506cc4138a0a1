;; A component that imports a WASI 0.2 interface the host does not provide (keyvalue) and a
;; function: refused at link time, naming both.
(component
  (import "wasi:keyvalue/store@0.2.0" (instance $pre
    (export "open" (func (result u32)))))
  (import "log" (func $log (param "msg" string)))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
