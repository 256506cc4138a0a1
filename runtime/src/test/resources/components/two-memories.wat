;; A component with two core modules, each with its own memory of 1 page that it can grow: the
;; component's memory cap holds for both together, not for each.
(component
  (core module $M
    (memory (export "mem") 1)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
  (core instance $a (instantiate $M))
  (core instance $b (instantiate $M))
  (func (export "grow-a") (param "pages" u32) (result s32) (canon lift (core func $a "grow")))
  (func (export "grow-b") (param "pages" u32) (result s32) (canon lift (core func $b "grow")))
)
