// The examples menu: web/examples/*.lisp bundled as text (index.json gives order and titles). Each is reachable
// as #example=ID. The same files are run by the Python tests, so every example is known to work.
import index from "../examples/index.json";
import bignum from "../examples/bignum.lisp";
import catchThrow from "../examples/catch-throw.lisp";
import closures from "../examples/closures.lisp";
import errors from "../examples/errors.lisp";
import fib from "../examples/fib.lisp";
import lists from "../examples/lists.lisp";
import loop from "../examples/loop.lisp";
import runaway from "../examples/runaway.lisp";
import tagbody from "../examples/tagbody.lisp";
import tak from "../examples/tak.lisp";

const SOURCES = {
  fib,
  tak,
  closures,
  lists,
  tagbody,
  "catch-throw": catchThrow,
  bignum,
  loop,
  errors,
  runaway,
};

export const EXAMPLES = index.map((e) => ({ ...e, code: SOURCES[e.id] }));

export function exampleById(id) {
  return EXAMPLES.find((e) => e.id === id) || null;
}
