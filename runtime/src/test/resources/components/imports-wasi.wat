;; A component that imports a WASI 0.2 interface the host does not provide (filesystem) and a
;; function: refused at link time, naming both.
(component
  (import "wasi:filesystem/preopens@0.2.3" (instance $pre
    (export "get-directories" (func (result (list string))))))
  (import "log" (func $log (param "msg" string)))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
