(module
  (memory (export "memory") 1)
  (global $calls (export "calls") (mut i32) (i32.const 0))
  (func $square (param i32) (result i32)
    local.get 0
    local.get 0
    i32.mul)
  (func (export "compute") (param i32) (result i32)
    global.get $calls
    i32.const 1
    i32.add
    global.set $calls
    local.get 0
    call $square
    i32.const 1
    i32.add)
  (func (export "store") (param i32 i32)
    local.get 0
    local.get 1
    i32.store))
