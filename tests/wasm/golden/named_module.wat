(module
  (type $cons (struct (field $car (mut eqref)) (field $cdr (mut eqref))))
  (type $i2i (func (param i32) (result i32)))
  (type $t2 (func (param i32)))
  (type $t3 (func (param eqref)))
  (import "env" "log" (func $log (type $t2)))
  (tag $unwind (type $t3))
  (global $counter (mut i32) i32.const 0)
  (export "fib" (func $fib))
  (export "counter" (global $counter))
  (func $fib (type $i2i) (param $n i32) (result i32)
    (local $tmp i32)
    local.get $n
    local.tee $tmp
  )
)
