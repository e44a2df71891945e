(module
  (import "host" "scale" (func $scale (param i32) (result i32)))
  (func $triple (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul)
  (func (export "compute") (param i32) (result i32)
    local.get 0
    call $triple
    call $scale)
  (func (export "pair") (param i64) (result i64 i64)
    local.get 0
    local.get 0
    i64.const 7
    i64.add))
