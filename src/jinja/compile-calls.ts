/**
 * Calls, attribute/item lookups and tests. Each tracks its position (lineno/colno in the
 * generated code) so a failure points at the expression that failed.
 */
import type { TxCompilerApi } from './compile-frames.js';
import type { NjFrame, NjNode, NjNodeList } from './nunjucks-internals.js';

/** How an expression is named in messages: `ref`, `dbt_utils.star`, `x[...]`. */
export function displayName(n: NjNode): string {
  if (n.typename === 'Symbol') return String(n['value']);
  if (n.typename === 'LookupVal') {
    const key = n['val'] as NjNode;
    const k = key.typename === 'Literal' && typeof key['value'] === 'string' ? `.${key['value']}` : '[...]';
    return displayName(n['target'] as NjNode) + k;
  }
  if (n.typename === 'FunCall') return displayName(n['name'] as NjNode) + '(...)';
  return 'expression';
}

/** `x.key`, `x[key]`, `x[a:b:c]`. */
export function compileLookup(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  const key = node['val'] as NjNode;
  const target = node['target'] as NjNode;
  c._emit(`(lineno = ${target.lineno}, colno = ${target.colno}, `);
  if (key.typename === 'TxSlice') {
    c._emit('env.txSlice(');
    c.expr(target, frame);
    for (const part of (key as NjNodeList).children) {
      c._emit(', ');
      c.expr(part, frame);
    }
    c._emit(')');
  } else {
    // `x.name` (the parser marks it `attr`) prefers attributes; `x[key]` prefers items.
    c._emit(node['attr'] === true ? 'env.txAttr(' : 'env.txMember(');
    c.expr(target, frame);
    c._emit(', ');
    c.expr(key, frame);
    c._emit(`, ${JSON.stringify(displayName(target))})`);
  }
  c._emit(')');
}

const SPECIAL_ARGS = ['TxStarArgs', 'TxStarKwargs', 'KeywordArgs'];

/** The argument array of a call; `*args`/`**kwargs` are spread at run time. */
function callArgs(c: TxCompilerApi, args: NjNodeList, frame: NjFrame): void {
  const star = args.children.find((a) => a.typename === 'TxStarArgs');
  const starKw = args.children.find((a) => a.typename === 'TxStarKwargs');
  if (!star && !starKw) return c._compileAggregate(args, frame, '[', ']');
  const kw = args.children.find((a) => a.typename === 'KeywordArgs');
  c._emit('env.txSpread([');
  args.children
    .filter((a) => !SPECIAL_ARGS.includes(a.typename))
    .forEach((a, i) => {
      if (i > 0) c._emit(', ');
      c.expr(a, frame);
    });
  c._emit('], ');
  [star, kw, starKw].forEach((part, i) => {
    if (i > 0) c._emit(', ');
    if (!part) c._emit('null');
    else c.expr(part.typename === 'KeywordArgs' ? part : (part['target'] as NjNode), frame);
  });
  c._emit(')');
}

/** A call, positioned at the callee's name (its leftmost token), not at the parenthesis. */
export function compileCall(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  let head = node['name'] as NjNode;
  while (head.typename === 'LookupVal' || head.typename === 'FunCall') head = (head['target'] ?? head['name']) as NjNode;
  const pos = `lineno = ${head.lineno}, colno = ${head.colno}`;
  c._emit(`(${pos}, env.txCall(`);
  c.expr(node['name'] as NjNode, frame);
  c._emit(`, ${JSON.stringify(displayName(node['name'] as NjNode))}, context, `);
  callArgs(c, node['args'] as NjNodeList, frame);
  // The arguments may have moved the position (an operator in them); the call is here.
  c._emit(`, (${pos})))`);
}

/** `x is name(args)`: Jinja tests, with the test's result read as a truth value. */
export function compileTest(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  const right = node['right'] as NjNode;
  const name = right.typename === 'FunCall' ? (right['name'] as NjNode)['value'] : right['value'];
  c._emit(`env.txTest(${JSON.stringify(String(name))}, context, `);
  c.expr(node['left'] as NjNode, frame);
  c._emit(', ');
  if (right.typename === 'FunCall') c._compileAggregate(right['args'] as NjNode, frame, '[', ']');
  else c._emit('[]');
  c._emit(')');
}
