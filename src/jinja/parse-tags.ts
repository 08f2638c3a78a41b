/**
 * Statement tags parsed by tx: Jinja's for (loop filter, recursive, tuple targets), set (tuple
 * unpacking, filtered blocks), with, do, break/continue, and the blocks dbt defines:
 * materialization, test and docs become macros (`materialization_<name>_<adapter>`,
 * `test_<name>`, `docs_<name>`, as dbt names them); a snapshot block renders its body in a scope.
 */
import { nj, type NjNode, type NjNodeList, type NjParser, type NjToken } from './nunjucks-internals.js';
import { BreakNode, ContinueNode, DoNode, ForNode, ScopeNode, WithNode } from './tx-nodes.js';

const lx = nj.lexer;
const N = nj.nodes;

/** The parser surface the tag parsers use (TxParser's own additions included). */
export interface TagParser extends NjParser {
  parseTupleExpression(parseItem?: () => NjNode): NjNode;
}

function tagToken(p: TagParser): NjToken {
  return p.nextToken() as NjToken;
}

function name(p: TagParser, what: string): NjToken {
  const t = p.nextToken();
  if (!t || t.type !== lx.TOKEN_SYMBOL) p.fail(`expected a name after ${what}`, t?.lineno, t?.colno);
  return t;
}

/** Body up to `{% end<tag> %}`, consuming the end tag. */
function body(p: TagParser, tag: string): NjNodeList {
  const b = p.parseUntilBlocks(`end${tag}`);
  p.advanceAfterBlockEnd();
  return b;
}

/** A name, or names nested in parentheses (`a, (b, c)`), as Jinja's assignment targets. */
export function checkTarget(p: TagParser, t: NjNode, what: string): void {
  if (t.typename === 'Symbol') return;
  if (t.typename === 'TxTuple' || t.typename === 'Group' || t.typename === 'Array') {
    for (const c of (t as NjNodeList).children) checkTarget(p, c, what);
    return;
  }
  p.fail(`${what}: can't assign to ${t.typename === 'Literal' ? 'a literal' : 'this expression'}`, t.lineno, t.colno);
}

function parseTargets(p: TagParser, tag: NjToken): NjNode {
  const targets: NjNode[] = [];
  do {
    const t = p.parsePrimary(true);
    checkTarget(p, t, tag.value);
    targets.push(t);
  } while (p.skip(lx.TOKEN_COMMA));
  return targets.length === 1 ? (targets[0] as NjNode) : new N.Array(tag.lineno, tag.colno, targets);
}

function parseFor(p: TagParser): NjNode {
  const tok = tagToken(p);
  const target = parseTargets(p, tok);
  if (!p.skipSymbol('in')) p.fail('for: expected "in" after the loop variable', tok.lineno, tok.colno);
  // The iterable stops before `if`, which starts the loop filter.
  const arr = p.parseTupleExpression(() => p.parseOr());
  const test = p.skipSymbol('if') ? p.parseExpression() : null;
  const recursive = p.skipSymbol('recursive');
  p.advanceAfterBlockEnd(tok.value);
  const loopBody = p.parseUntilBlocks('endfor', 'else');
  let elseBody: NjNode | null = null;
  if (p.skipSymbol('else')) {
    p.advanceAfterBlockEnd('else');
    elseBody = p.parseUntilBlocks('endfor');
  }
  p.advanceAfterBlockEnd();
  return new ForNode(tok.lineno, tok.colno, target, arr, test, loopBody, elseBody, recursive);
}

/** Replace the placeholder at the bottom of a filter chain with the captured block. */
function fillFilterChain(node: NjNode, placeholder: NjNode, value: NjNode): void {
  let n: NjNode | undefined = node;
  while (n && n.typename === 'Filter') {
    const args = n['args'] as NjNodeList;
    if (args.children[0] === placeholder) {
      args.children[0] = value;
      return;
    }
    n = args.children[0];
  }
}

function parseSet(p: TagParser): NjNode {
  const tok = tagToken(p);
  const node = new N.Set(tok.lineno, tok.colno, []);
  const targets = node['targets'] as NjNode[];
  do targets.push(p.parsePrimary());
  while (p.skip(lx.TOKEN_COMMA));
  if (p.skipValue(lx.TOKEN_OPERATOR, '=')) {
    node['value'] = p.parseTupleExpression();
    p.advanceAfterBlockEnd(tok.value);
    return node;
  }
  // `{% set x | filter %}...{% endset %}`: the block's output goes through the filters.
  const placeholder = new N.Literal(tok.lineno, tok.colno, '');
  const filtered = p.peekToken().type === lx.TOKEN_PIPE ? p.parseFilter(placeholder) : null;
  if (p.peekToken()?.type !== lx.TOKEN_BLOCK_END) p.fail('set: expected = or the end of the tag', tok.lineno, tok.colno);
  // advanceAfterBlockEnd honours `-%}` (the body's leading whitespace is stripped).
  p.advanceAfterBlockEnd(tok.value);
  const capture = new N.Capture(tok.lineno, tok.colno, body(p, 'set'));
  if (filtered) {
    fillFilterChain(filtered, placeholder, capture);
    node['value'] = filtered;
  } else {
    node['body'] = capture;
    node['value'] = null;
  }
  return node;
}

function parseWith(p: TagParser): NjNode {
  const tok = tagToken(p);
  const targets = new N.NodeList(tok.lineno, tok.colno, []) as NjNodeList;
  const values = new N.NodeList(tok.lineno, tok.colno, []) as NjNodeList;
  while (p.peekToken().type !== lx.TOKEN_BLOCK_END) {
    if (targets.children.length > 0 && !p.skip(lx.TOKEN_COMMA)) p.fail('with: expected a comma', tok.lineno, tok.colno);
    const t = p.parsePrimary(true);
    if (t.typename !== 'Symbol') p.fail('with: expected a variable name', t.lineno, t.colno);
    if (!p.skipValue(lx.TOKEN_OPERATOR, '=')) p.fail('with: expected =', t.lineno, t.colno);
    targets.addChild(t);
    values.addChild(p.parseExpression());
  }
  p.advanceAfterBlockEnd(tok.value);
  return new WithNode(tok.lineno, tok.colno, targets, values, body(p, 'with'));
}

function parseDo(p: TagParser): NjNode {
  const tok = tagToken(p);
  const expr = p.parseTupleExpression();
  p.advanceAfterBlockEnd(tok.value);
  return new DoNode(tok.lineno, tok.colno, expr);
}

function loopControl(ctor: typeof BreakNode) {
  return (p: TagParser): NjNode => {
    const tok = tagToken(p);
    p.advanceAfterBlockEnd(tok.value);
    return new ctor(tok.lineno, tok.colno);
  };
}

function macroNode(tok: NjToken, macroName: string, args: NjNode, bodyNodes: NjNode): NjNode {
  return new N.Macro(tok.lineno, tok.colno, new N.Symbol(tok.lineno, tok.colno, macroName), args, bodyNodes);
}

function parseMaterialization(p: TagParser): NjNode {
  const tok = tagToken(p);
  const mat = name(p, 'materialization').value;
  let adapter = 'default';
  while (p.skip(lx.TOKEN_COMMA)) {
    const opt = name(p, 'a comma');
    if (opt.value === 'default') continue;
    if (opt.value !== 'adapter' && opt.value !== 'supported_languages') {
      p.fail(`materialization '${mat}': unexpected argument '${opt.value}'`, opt.lineno, opt.colno);
    }
    if (!p.skipValue(lx.TOKEN_OPERATOR, '=')) p.fail(`materialization '${mat}': expected = after ${opt.value}`, opt.lineno, opt.colno);
    const value = p.parseExpression();
    if (opt.value === 'adapter') {
      if (value.typename !== 'Literal' || typeof value['value'] !== 'string') p.fail('materialization: adapter must be a string', value.lineno, value.colno);
      adapter = String(value['value']);
    }
  }
  p.advanceAfterBlockEnd(tok.value);
  return macroNode(tok, `materialization_${mat}_${adapter}`, new N.NodeList(tok.lineno, tok.colno, []), body(p, 'materialization'));
}

function parseTest(p: TagParser): NjNode {
  const tok = tagToken(p);
  const test = name(p, 'test').value;
  const args = p.parseSignature();
  p.advanceAfterBlockEnd(tok.value);
  return macroNode(tok, `test_${test}`, args, body(p, 'test'));
}

function parseDocs(p: TagParser): NjNode {
  const tok = tagToken(p);
  const doc = name(p, 'docs').value;
  p.advanceAfterBlockEnd(tok.value);
  return macroNode(tok, `docs_${doc}`, new N.NodeList(tok.lineno, tok.colno, []), body(p, 'docs'));
}

function parseSnapshot(p: TagParser): NjNode {
  const tok = tagToken(p);
  name(p, 'snapshot');
  p.advanceAfterBlockEnd(tok.value);
  return new ScopeNode(tok.lineno, tok.colno, body(p, 'snapshot'));
}

export const STATEMENTS: Record<string, (p: TagParser) => NjNode> = {
  for: parseFor,
  set: parseSet,
  with: parseWith,
  do: parseDo,
  break: loopControl(BreakNode),
  continue: loopControl(ContinueNode),
  materialization: parseMaterialization,
  test: parseTest,
  docs: parseDocs,
  snapshot: parseSnapshot,
};
