/**
 * The AST nodes tx adds to nunjucks'. Expression nodes derive from a nunjucks expression class
 * so the compiler's expression type checks accept them; the compiler dispatches on `typename`
 * (`compileTxFor`, `compileTxWith`, ...).
 */
import { nj, subNode, type NodeCtor } from './nunjucks-internals.js';

const N = nj.nodes;

/** Wrappers around one expression (`target`), compiled to a runtime helper call. */
export const TruthyNode = subNode(N.Not, 'TxTruthy');

/** `1.0`: a float literal (field `value`). */
export const FloatNode = subNode(N.Literal, 'TxFloat');
/** `(a, b)`, `(a,)`, `()` and bare `a, b` where Jinja reads a tuple. */
export const TupleNode = subNode(N.Array, 'TxTuple');
/** `x[a:b:c]`, produced by TxParser as the key of a LookupVal. */
export const SliceNode = subNode(N.NodeList, 'TxSlice');

/** `f(*args)` and `f(**kwargs)` in a call's argument list (field `target`). */
export const StarArgsNode = subNode(N.Not, 'TxStarArgs');
export const StarKwargsNode = subNode(N.Not, 'TxStarKwargs');

/** `{% for name in arr [if test] [recursive] %}body{% else %}else_{% endfor %}`. */
export const ForNode = subNode(N.Node, 'TxFor', ['name', 'arr', 'test', 'body', 'else_', 'recursive']);
/** `{% with a = 1, b = 2 %}body{% endwith %}` (targets: Symbols, values: expressions). */
export const WithNode = subNode(N.Node, 'TxWith', ['targets', 'values', 'body']);
/** A body in its own scope: `{% snapshot name %}body{% endsnapshot %}`. */
export const ScopeNode = subNode(N.Node, 'TxScope', ['body']);
/** `{% do expr %}`. */
export const DoNode = subNode(N.Node, 'TxDo', ['expr']);
export const BreakNode = subNode(N.Node, 'TxBreak', []);
export const ContinueNode = subNode(N.Node, 'TxContinue', []);

export type { NodeCtor };
