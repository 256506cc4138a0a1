;; A component that imports a WASI 0.2 interface the host does not provide (sockets) and a
;; function: refused at link time, naming both.
(component
  (import "wasi:sockets/instance-network@0.2.3" (instance $pre
    (export "instance-network" (func (result u32)))))
  (import "log" (func $log (param "msg" string)))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
