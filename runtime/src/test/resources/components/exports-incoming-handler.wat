;; A component that exports wasi:http/incoming-handler (the server side) and imports only the types it
;; names: it loads (the host never calls the handler; only importing the handler is refused).
(component
  (import "wasi:http/types@0.2.0" (instance $types
    (export "incoming-request" (type (sub resource)))
    (export "response-outparam" (type (sub resource)))))
  (alias export $types "incoming-request" (type $req))
  (alias export $types "response-outparam" (type $out))
  (core module $M (func (export "handle") (param i32 i32)))
  (core instance $m (instantiate $M))
  (func $handle (param "request" (own $req)) (param "response-out" (own $out)) (canon lift (core func $m "handle")))
  (instance $h (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $h))
)
