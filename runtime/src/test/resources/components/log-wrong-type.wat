;; Imports asterai:log/logger's log with a type the host's does not have: refused when linking.
(component
  (import "asterai:log/logger@0.1.0" (instance $log
    (export "log" (func (param "message" string)))))
  (core module $M (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
