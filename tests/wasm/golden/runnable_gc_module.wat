(module
  (rec
    (type $cons (struct (field (mut eqref)) (field (mut eqref))))
    (type $i2i (func (param i32) (result i32)))
  )
  (type $t2 (func (param i32)))
  (type $t3 (func (param i31ref) (result i31ref)))
  (type $t4 (func (param i32 i32) (result i32)))
  (type $t5 (func (param i32) (result eqref)))
  (import "env" "log" (func $f0 (type $t2)))
  (tag $fail (type $t2))
  (export "fib" (func $fib))
  (export "sum_list" (func $sum_list))
  (export "count_down" (func $count_down))
  (export "safe_div" (func $safe_div))
  (export "make_fixnum" (func $make_fixnum))
  (func $fib_i31 (type $t3) (param i31ref) (result i31ref)
    local.get 0
    i31.get_s
    i32.const 2
    i32.lt_s
    if (result i31ref)  ;; label = @1
      local.get 0
    else
      local.get 0
      i31.get_s
      i32.const 1
      i32.sub
      ref.i31
      call $fib_i31
      i31.get_s
      local.get 0
      i31.get_s
      i32.const 2
      i32.sub
      ref.i31
      call $fib_i31
      i31.get_s
      i32.add
      ref.i31
    end
  )
  (func $fib (type $i2i) (param i32) (result i32)
    local.get 0
    ref.i31
    call $fib_i31
    i31.get_s
  )
  (func $sum_list (type $i2i) (param i32) (result i32)
    (local (ref null $cons) (ref $cons))
    ref.null none
    local.set 1
    block  ;; label = @1
      loop  ;; label = @2
        local.get 0
        i32.eqz
        br_if 1 (;@1;)
        local.get 0
        ref.i31
        local.get 1
        struct.new $cons
        local.set 1
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br 0 (;@2;)
      end
    end
    i32.const 0
    local.set 0
    block  ;; label = @1
      loop  ;; label = @2
        local.get 1
        br_on_null 1 (;@1;)
        local.tee 2
        struct.get $cons 0
        ref.cast (ref i31)
        i31.get_s
        local.get 0
        i32.add
        local.set 0
        local.get 2
        struct.get $cons 1
        ref.cast (ref null $cons)
        local.set 1
        br 0 (;@2;)
      end
    end
    local.get 0
    local.get 0
    call $f0
  )
  (func $count_down (type $i2i) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32)  ;; label = @1
      i32.const 42
    else
      local.get 0
      i32.const 1
      i32.sub
      return_call $count_down
    end
  )
  (func $div (type $t4) (param i32 i32) (result i32)
    local.get 1
    i32.eqz
    if  ;; label = @1
      local.get 0
      throw $fail
    end
    local.get 0
    local.get 1
    i32.div_s
  )
  (func $safe_div (type $t4) (param i32 i32) (result i32)
    block (result i32)  ;; label = @1
      try_table (catch $fail 0 (;@1;))  ;; label = @2
        local.get 0
        local.get 1
        call $div
        return
      end
      unreachable
    end
    i32.const 1000
    i32.add
  )
  (func $make_fixnum (type $t5) (param i32) (result eqref)
    local.get 0
    ref.i31
  )
)
