/**
 * Assignment and scope statements: `{% set %}` (names, tuple unpacking, namespace attributes,
 * blocks), `{% with %}`, scoped blocks (snapshot), `{% do %}`, `{% break %}`, `{% continue %}`.
 */
import { assignName, bindName, bindTarget, unpackTargets, type TxCompilerApi } from './compile-frames.js';
import type { NjFrame, NjNode, NjNodeList } from './nunjucks-internals.js';

export function compileSet(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  const targets = node['targets'] as NjNode[];
  const first = targets[0];
  if (targets.length === 1 && first && first.typename === 'LookupVal') {
    // `{% set ns.attr = value %}`: only namespaces accept attribute assignment.
    c._emit('env.txSetAttr(');
    c.expr(first['target'] as NjNode, frame);
    c._emit(', ');
    c.expr(first['val'] as NjNode, frame);
    c._emit(', ');
    if (node['value']) c.expr(node['value'] as NjNode, frame);
    else c.compile(node['body'] as NjNode, frame);
    c._emitLine(');');
    return;
  }
  let val: string;
  if (node['value']) {
    val = c._tmpid();
    c._emitLine(`lineno = ${node.lineno}; colno = ${node.colno};`);
    c._emit(`var ${val} = `);
    c.expr(node['value'] as NjNode, frame);
    c._emitLine(';');
  } else val = captureInline(c, (node['body'] as NjNode)['body'] as NjNode, frame);
  // `{% set a, (b, c) = ... %}`: names get values; tuples (nested) unpack.
  if (targets.length === 1) return bindTarget(c, frame, first as NjNode, val, assignName);
  unpackTargets(c, frame, targets, val, assignName);
}

/**
 * A `{% set x %}...{% endset %}` body, rendered in its own scope into a buffer variable
 * (statements, not nunjucks' function expression, so a break in it still ends the loop).
 */
function captureInline(c: TxCompilerApi, body: NjNode, frame: NjFrame): string {
  const buf = c._pushBuffer();
  c._emitLine('');
  c._emitLine('frame = frame.push(true);');
  c.compile(body, frame.push(true));
  c._emitLine('frame = frame.pop();');
  c._popBuffer();
  return buf;
}

/** A captured body used as a value (`{% filter %}` blocks): a function rendering it in a scope. */
export function compileCapture(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  const outer = c.buffer;
  const saved = c.loops;
  c.buffer = 'output';
  c.loops = [];
  c._emitLine('(function (frame) {');
  c._emitLine('var output = "";');
  c._withScopedSyntax(() => c.compile(node['body'] as NjNode, frame.push(true)));
  c._emitLine('return output;');
  c._emitLine('})(frame.push(true))');
  c.buffer = outer;
  c.loops = saved;
}

export function compileWith(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  // Values are evaluated in the enclosing scope, before any target is bound.
  const values = (node['values'] as NjNodeList).children.map((v) => {
    const id = c._tmpid();
    c._emit(`var ${id} = `);
    c.expr(v, frame);
    c._emitLine(';');
    return id;
  });
  c._emitLine('frame = frame.push(true);');
  const inner = frame.push(true);
  (node['targets'] as NjNodeList).children.forEach((t, i) => bindName(c, inner, String(t['value']), values[i] ?? 'undefined'));
  c.compile(node['body'] as NjNode, inner);
  c._emitLine('frame = frame.pop();');
}

export function compileScope(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  c._emitLine('frame = frame.push(true);');
  c.compile(node['body'] as NjNode, frame.push(true));
  c._emitLine('frame = frame.pop();');
}

export function compileDo(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  c.expr(node['expr'] as NjNode, frame);
  c._emitLine(';');
}

export function compileLoopControl(c: TxCompilerApi, node: NjNode, kind: 'break' | 'continue'): void {
  const loop = c.loops[c.loops.length - 1];
  if (!loop) c.fail(`{% ${kind} %} outside of a loop`, node.lineno, node.colno);
  // The next iteration starts from the loop's frame; a break must restore it now.
  c._emitLine(kind === 'break' ? `frame = ${loop.frameVar}; break;` : 'continue;');
}
