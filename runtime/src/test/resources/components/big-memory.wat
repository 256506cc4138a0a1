;; A component whose core module asks for 512 pages (32 MiB) of memory at start.
(component
  (core module $M (memory (export "mem") 512) (func (export "f")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
)
