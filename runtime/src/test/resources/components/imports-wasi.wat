;; A component that imports a WASI 0.2 interface and a function: refused at link time, naming both.
(component
  (import "wasi:cli/environment@0.2.3" (instance $env
    (export "get-arguments" (func (result (list string))))))
  (import "log" (func $log (param "msg" string)))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
