/**
 * Jinja2's expression grammar below `not`, which nunjucks orders differently:
 *
 *   condexpr  := or ('if' or ('else' condexpr)?)*
 *   compare   := math1 (('==' | '!=' | '<' | ... | 'in' | 'not' 'in') math1)*
 *   math1     := concat (('+' | '-') concat)*
 *   concat    := math2 ('~' math2)*
 *   math2     := pow (('*' | '/' | '//' | '%') pow)*
 *   pow       := unary ('**' unary)*
 *   unary     := ('-' | '+') unary | primary postfix, then filters, tests and calls (`x|f is t`)
 *
 * So `2 * 7 // 2` is 7, `1 ~ 2 + 3` concatenates first, `1 + 2 is odd` tests 2, and
 * `a if b else c if d else e` chains.
 */
import { nj, type NjNode, type NjNodeList, type NjParser, type NodeName } from './nunjucks-internals.js';

const lx = nj.lexer;
const N = nj.nodes;

/** The parser surface these functions use (TxParser's own methods included). */
export interface ExprParser extends NjParser {
  parseTest(node: NjNode): NjNode;
  parseUnary(noFilters?: boolean): NjNode;
}

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);
const MATH1: Record<string, NodeName> = { '+': 'Add', '-': 'Sub' };
const MATH2: Record<string, NodeName> = { '*': 'Mul', '/': 'Div', '//': 'FloorDiv', '%': 'Mod' };

export function parseCondExpr(p: ExprParser): NjNode {
  let node = p.parseOr();
  while (p.skipSymbol('if')) {
    const cond = p.parseOr();
    const next = new N.InlineIf(node.lineno, node.colno);
    next['body'] = node;
    next['cond'] = cond;
    next['else_'] = p.skipSymbol('else') ? parseCondExpr(p) : null;
    node = next;
  }
  return node;
}

function binaryLoop(p: ExprParser, ops: Record<string, NodeName>, operand: () => NjNode): NjNode {
  let node = operand();
  for (;;) {
    const tok = p.peekToken();
    const cls = tok?.type === lx.TOKEN_OPERATOR ? ops[tok.value] : undefined;
    if (!cls) return node;
    p.nextToken();
    node = new N[cls](node.lineno, node.colno, node, operand());
  }
}

export function parseCompare(p: ExprParser): NjNode {
  const expr = parseMath1(p);
  const ops: NjNode[] = [];
  for (;;) {
    const tok = p.peekToken();
    if (tok?.type === lx.TOKEN_OPERATOR && COMPARE.has(tok.value)) {
      p.nextToken();
      ops.push(new N.CompareOperand(tok.lineno, tok.colno, parseMath1(p), tok.value));
    } else if (tok?.type === lx.TOKEN_SYMBOL && tok.value === 'in') {
      p.nextToken();
      ops.push(new N.CompareOperand(tok.lineno, tok.colno, parseMath1(p), 'in'));
    } else if (tok?.type === lx.TOKEN_SYMBOL && tok.value === 'not') {
      p.nextToken();
      if (!p.skipSymbol('in')) {
        p.pushToken(tok);
        break;
      }
      ops.push(new N.CompareOperand(tok.lineno, tok.colno, parseMath1(p), 'notin'));
    } else break;
  }
  if (ops.length === 0) return expr;
  // A single `in` stays nunjucks' In node (its compiled form is one helper call).
  const only = ops[0];
  if (ops.length === 1 && only && (only['type'] === 'in' || only['type'] === 'notin')) {
    const node = new N.In(expr.lineno, expr.colno, expr, only['expr']);
    return only['type'] === 'in' ? node : new N.Not(expr.lineno, expr.colno, node);
  }
  return new N.Compare(expr.lineno, expr.colno, expr, ops);
}

function parseMath1(p: ExprParser): NjNode {
  return binaryLoop(p, MATH1, () => parseConcat(p));
}

function parseConcat(p: ExprParser): NjNode {
  let node = parseMath2(p);
  while (p.skipValue(lx.TOKEN_TILDE, '~')) node = new N.Concat(node.lineno, node.colno, node, parseMath2(p));
  return node;
}

function parseMath2(p: ExprParser): NjNode {
  return binaryLoop(p, MATH2, () => parsePow(p));
}

export function parsePow(p: ExprParser): NjNode {
  return binaryLoop(p, { '**': 'Pow' }, () => p.parseUnary());
}

export function parseUnary(p: ExprParser, noFilters?: boolean): NjNode {
  const tok = p.peekToken();
  let node: NjNode;
  if (p.skipValue(lx.TOKEN_OPERATOR, '-')) node = new N.Neg(tok.lineno, tok.colno, p.parseUnary(true));
  else if (p.skipValue(lx.TOKEN_OPERATOR, '+')) node = new N.Pos(tok.lineno, tok.colno, p.parseUnary(true));
  else node = p.parsePrimary();
  return noFilters ? node : parseFilterExpr(p, node);
}

/** Filters, tests and calls after a primary, in any order (`x|length is odd`, `f|g()`). */
function parseFilterExpr(p: ExprParser, node: NjNode): NjNode {
  for (;;) {
    const tok = p.peekToken();
    if (tok?.type === lx.TOKEN_PIPE) {
      p.nextToken();
      const name = (p as unknown as { parseFilterName(): NjNode }).parseFilterName();
      const args = (p as unknown as { parseFilterArgs(n: NjNode): NjNode[] }).parseFilterArgs(node);
      node = new N.Filter(name.lineno, name.colno, name, new N.NodeList(name.lineno, name.colno, [node, ...args]));
    } else if (tok?.type === lx.TOKEN_SYMBOL && tok.value === 'is') node = p.parseTest(node);
    else if (tok?.type === lx.TOKEN_LEFT_PAREN) node = new N.FunCall(tok.lineno, tok.colno, node, p.parseSignature());
    else return node;
  }
}

export type { NjNodeList };
