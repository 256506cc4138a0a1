;; A component that imports the server side of wasi:http (incoming-handler): refused at link time
;; with the reason (a component may export it; this host does not serve requests to components).
(component
  (import "wasi:http/incoming-handler@0.2.0" (instance $in
    (export "handle" (func))))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
