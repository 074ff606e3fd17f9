// clysm benchmarks: the algorithms of bench/programs/*.lisp written by hand in plain JavaScript, the way a JS
// programmer would write them while keeping the same data structures (cons cells are small objects, NIL is null,
// symbols are interned strings compared with ===, CATCH/THROW are exceptions, bignums are BigInt).
// This file is ONE expression: eval it (inside Pyodide: host.eval_js / js.eval; in plain Node: eval) to get an
// object mapping each program name to its `run(n)`, which returns the same check value as the Lisp `(run n)`.
(() => {
  class Cons {
    constructor(car, cdr) { this.car = car; this.cdr = cdr; }
  }
  const cons = (a, b) => new Cons(a, b);
  const length = (l) => { let n = 0; for (; l !== null; l = l.cdr) n++; return n; };
  const fromArray = (x) => {  // a quoted constant: nested arrays -> conses, once
    if (!Array.isArray(x)) return x;
    let r = null;
    for (let i = x.length - 1; i >= 0; i--) r = cons(fromArray(x[i]), r);
    return r;
  };
  const mapcar = (f, l) => {
    if (l === null) return null;
    const head = cons(f(l.car), null);
    let tail = head;
    for (l = l.cdr; l !== null; l = l.cdr) { tail.cdr = cons(f(l.car), null); tail = tail.cdr; }
    return head;
  };
  const mod = (a, b) => ((a % b) + b) % b;

  // fib
  function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

  // tak
  function tak(x, y, z) { return !(y < x) ? z : tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)); }

  // takl
  function listn(n) { return n !== 0 ? cons(n, listn(n - 1)) : null; }
  function shorterp(x, y) { return y !== null && (x === null || shorterp(x.cdr, y.cdr)); }
  function mas(x, y, z) {
    return !shorterp(y, x) ? z : mas(mas(x.cdr, y, z), mas(y.cdr, z, x), mas(z.cdr, x, y));
  }

  // ctak
  class Throw { constructor(tag, value) { this.tag = tag; this.value = value; } }
  function ctakCatch(tag, thunk) {
    try { return thunk(); } catch (e) { if (e instanceof Throw && e.tag === tag) return e.value; throw e; }
  }
  function ctakAux(x, y, z) {
    if (!(y < x)) throw new Throw("CTAK", z);
    return ctakAux(ctakCatch("CTAK", () => ctakAux(x - 1, y, z)),
                   ctakCatch("CTAK", () => ctakAux(y - 1, z, x)),
                   ctakCatch("CTAK", () => ctakAux(z - 1, x, y)));
  }
  function ctak(x, y, z) { return ctakCatch("CTAK", () => ctakAux(x, y, z)); }

  // deriv
  const DERIV_EXPR = fromArray(["+", ["*", 3, "X", "X"], ["*", "A", "X", "X"], ["*", "B", "X"], 5]);
  function xsToList(xs) { let r = null; for (let i = xs.length - 1; i >= 0; i--) r = cons(xs[i], r); return r; }
  function derivAux(a) { return xsToList(["/", deriv(a), a]); }
  function deriv(a) {
    if (!(a instanceof Cons)) return a === "X" ? 1 : 0;
    const op = a.car;
    if (op === "+") return cons("+", mapcar(deriv, a.cdr));
    if (op === "-") return cons("-", mapcar(deriv, a.cdr));
    if (op === "*") return xsToList(["*", a, cons("+", mapcar(derivAux, a.cdr))]);
    if (op === "/") {
      const b = a.cdr.car, c = a.cdr.cdr.car;
      return xsToList(["-", xsToList(["/", deriv(b), c]), xsToList(["/", b, xsToList(["*", c, c, deriv(c)])])]);
    }
    return "ERROR";
  }
  function countConses(x) { return x instanceof Cons ? 1 + countConses(x.car) + countConses(x.cdr) : 0; }

  // destructive
  function makeNils(m) { let a = null; for (let j = m; j !== 0; j--) a = cons(null, a); return a; }
  function nconc2(x, y) { if (x === null) return y; let t = x; while (t.cdr !== null) t = t.cdr; t.cdr = y; return x; }
  function destructive(n, m) {
    const l = makeNils(10);
    for (let i = n; i !== 0; i--) {
      if (l.car === null) {
        for (let p = l; p !== null; p = p.cdr) {
          if (p.car === null) p.car = cons(null, null);
          nconc2(p.car, makeNils(m));
        }
      } else {
        for (let l1 = l, l2 = l.cdr; l2 !== null; l1 = l1.cdr, l2 = l2.cdr) {
          let a = l2.car;
          for (let j = Math.floor(length(l2.car) / 2); j !== 0; j--, a = a.cdr) a.car = i;
          const half = Math.floor(length(l1.car) / 2);
          let rest;
          if (half === 0) {
            l1.car = null;
            rest = null;
          } else {
            let b = l1.car;
            for (let j = half; j !== 1; j--, b = b.cdr) b.car = i;
            rest = b.cdr;
            b.cdr = null;
          }
          a.cdr = rest;
        }
      }
    }
    return l;
  }
  function destructiveChecksum(l) {
    let sum = 0;
    for (; l !== null; l = l.cdr) for (let s = l.car; s !== null; s = s.cdr) sum += 1 + (s.car !== null ? s.car : 0);
    return sum;
  }

  // div-iter, div-rec
  function createN(n) { let a = null; for (; n !== 0; n--) a = cons(null, a); return a; }
  function iterativeDiv2(l) { let a = null; for (; l !== null; l = l.cdr.cdr) a = cons(l.car, a); return a; }
  function recursiveDiv2(l) { return l === null ? null : cons(l.car, recursiveDiv2(l.cdr.cdr)); }

  // browse
  const SYMS = ["A", "B", "C", "D", "E", "F"];
  function nextRandom(state, k) {
    const s = mod(state.car * 1103 + 12345, 65536);
    state.car = s;
    return mod(Math.floor(s / 16), k);
  }
  function makeItem(state) {
    const len = 3 + nextRandom(state, 5);
    let item = null;
    for (let i = 0; i < len; i++) {
      if (nextRandom(state, 6) === 0) {
        const a = SYMS[nextRandom(state, 6)];
        const b = SYMS[nextRandom(state, 6)];
        item = cons(cons(a, cons(b, null)), item);
      } else {
        item = cons(SYMS[nextRandom(state, 6)], item);
      }
    }
    return item;
  }
  function makeUnit(state) { let u = null; for (let i = 0; i < 6; i++) u = cons(makeItem(state), u); return u; }
  function makeDatabase(n) {
    const state = cons(42, null);
    let db = null;
    for (let i = 0; i < n; i++) db = cons(makeUnit(state), db);
    return db;
  }
  function match(pat, dat) {
    if (pat === null) return dat === null;
    const p = pat.car;
    if (p === "*") return match(pat.cdr, dat) || (dat !== null && match(pat, dat.cdr));
    if (dat === null) return false;
    if (p === "?") return match(pat.cdr, dat.cdr);
    if (p instanceof Cons) return dat.car instanceof Cons && match(p, dat.car) && match(pat.cdr, dat.cdr);
    if (p === dat.car) return match(pat.cdr, dat.cdr);
    return false;
  }
  function investigate(db, patterns) {
    let count = 0;
    for (let u = db; u !== null; u = u.cdr)
      for (let it = u.car; it !== null; it = it.cdr)
        for (let p = patterns; p !== null; p = p.cdr)
          if (match(p.car, it.car)) count++;
    return count;
  }
  const PATTERNS = fromArray([["*", "A", "*", "B", "*"], ["?", "?", "C", "*"], ["*", ["A", "?"], "*"],
    ["D", "*", "E"], ["*", "F", "?", "A", "*"], ["A", "*"], ["*", "C"], ["*", ["?", "B"], "*", "?"],
    ["?", "*", "D", "*", "D", "*"], ["E", "?", "?", "*"]]);

  // nqueens
  function safeP(row, dist, placed) {
    for (; placed !== null; placed = placed.cdr, dist++) {
      const p = placed.car;
      if (row === p || row === p + dist || row === p - dist) return false;
    }
    return true;
  }
  function tryRows(row, n, col, placed) {
    let sum = 0;
    for (; row <= n; row++) if (safeP(row, 1, placed)) sum += placeColumn(n, col + 1, cons(row, placed));
    return sum;
  }
  function placeColumn(n, col, placed) { return col > n ? 1 : tryRows(1, n, col, placed); }

  // triangle
  const TA = [1, 2, 4, 3, 5, 6, 1, 3, 6, 2, 5, 4, 11, 12, 13, 7, 8, 4, 4, 7, 11, 8, 12, 13, 6, 10, 15, 9, 14, 13, 13, 14, 15, 9, 10, 6];
  const TB = [2, 4, 7, 5, 8, 9, 3, 6, 10, 5, 9, 8, 12, 13, 14, 8, 9, 5, 2, 4, 7, 5, 8, 9, 3, 6, 10, 5, 9, 8, 12, 13, 14, 8, 9, 5];
  const TC = [4, 7, 11, 8, 12, 13, 6, 10, 15, 9, 14, 13, 13, 14, 15, 9, 10, 6, 1, 2, 4, 3, 5, 6, 1, 3, 6, 2, 5, 4, 11, 12, 13, 7, 8, 4];
  function triangCount(board, a, b, c, depth) {
    if (depth === 0) return 1;
    let sum = 0;
    for (let i = 0; i < 36; i++) {
      const ai = a[i], bi = b[i], ci = c[i];
      if (board[ai] === 1 && board[bi] === 1 && board[ci] === 0) {
        board[ai] = 0; board[bi] = 0; board[ci] = 1;
        sum += triangCount(board, a, b, c, depth - 1);
        board[ai] = 1; board[bi] = 1; board[ci] = 0;
      }
    }
    return sum;
  }

  // strings
  function recordString(i) {
    const xs = [mod(i, 3), mod(i, 5), mod(i, 7)].join(",");
    return `ITEM-${i}:${(i * 7).toString(16).toUpperCase()}/${mod(i, 64).toString(2)}[${xs}]`;
  }
  function stringChecksum(s) {
    let sum = 0;
    for (let k = 0; k < s.length; k++) sum = mod(sum * 31 + s.charCodeAt(k), 1000003);
    return sum;
  }

  // bignum
  function factorial(n) { let acc = 1n; for (let i = 1n; i <= n; i++) acc *= i; return acc; }
  function bigFib(n) { let a = 0n, b = 1n; for (let i = 0; i !== n; i++) [a, b] = [b, a + b]; return a; }
  function digitSum(x) { let sum = 0n; while (x > 0n) { sum += x % 10n; x /= 10n; } return sum; }

  return {
    fib: (n) => fib(n),
    tak: (n) => { let sum = 0; for (let i = 0; i < n; i++) sum += tak(18, 12, 6); return sum; },
    takl: (n) => length(mas(listn(n), listn(12), listn(6))),
    ctak: (n) => ctak(n, 12, 6),
    deriv: (n) => {
      let r = null;
      for (let i = 0; i < n; i++) {
        r = deriv(DERIV_EXPR); r = deriv(DERIV_EXPR); r = deriv(DERIV_EXPR); r = deriv(DERIV_EXPR); r = deriv(DERIV_EXPR);
      }
      return n + countConses(r);
    },
    destructive: (n) => destructiveChecksum(destructive(n, 50)),
    "div-iter": (n) => {
      const l = createN(200);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        sum += length(iterativeDiv2(l)); iterativeDiv2(l); iterativeDiv2(l); iterativeDiv2(l);
      }
      return sum;
    },
    "div-rec": (n) => {
      const l = createN(200);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        sum += length(recursiveDiv2(l)); recursiveDiv2(l); recursiveDiv2(l); recursiveDiv2(l);
      }
      return sum;
    },
    browse: (n) => { const db = makeDatabase(n); return investigate(db, PATTERNS) + investigate(db, PATTERNS); },
    nqueens: (n) => placeColumn(n, 1, null),
    triangle: (n) => {
      const board = new Array(16).fill(1);
      board[5] = 0;
      return triangCount(board, TA.slice(), TB.slice(), TC.slice(), n);
    },
    strings: (n) => {
      let total = 0;
      for (let i = 0; i < n; i++) {
        const s = recordString(i);
        const u = (s + "-done").toUpperCase();
        const p = u.indexOf(":");
        const num = parseInt(s.substring(5, p), 10);
        total = mod(total + num + u.length + stringChecksum(u), 1000003);
      }
      return total;
    },
    bignum: (n) => Number(digitSum(factorial(BigInt(n))) + digitSum(bigFib(5 * n))),
  };
})()
