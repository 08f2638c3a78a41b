/**
 * `{% for %}` with Jinja's semantics: each iteration is a scope (a `set` in it is gone in the
 * next iteration and after the loop), the loop filter runs before `loop` is built (so
 * loop.length counts filtered items), `{% break %}`/`{% continue %}`, `else` when no iteration
 * completed, and recursive loops (`loop(children)`), compiled to a function that renders one level.
 */
import { bindName, bindTarget, type TxCompilerApi } from './compile-frames.js';
import type { NjFrame, NjNode } from './nunjucks-internals.js';

/** `arr = arr filtered by test`, the target bound in a throwaway scope per item (from `loopFrame`). */
function emitFilter(c: TxCompilerApi, node: NjNode, arr: string, loopFrame: string, frame: NjFrame): void {
  c._emitLine(`${arr} = env.txLoopFilter(${arr}, function (item) {`);
  c._emitLine(`var frame = ${loopFrame}.push(true);`);
  const f = frame.push(true);
  bindTarget(c, f, node['name'] as NjNode, 'item', bindName);
  c._emit('return ');
  c.expr(node['test'] as NjNode, f);
  c._emitLine(';');
  c._emitLine('});');
}

/**
 * One level of the loop over the JS expression `items`, appending to the current buffer.
 * `depth0` and `recurse` are JS expressions for the loop object.
 */
function emitLevel(c: TxCompilerApi, node: NjNode, frame: NjFrame, items: string, depth0: string, recurse: string): void {
  const arr = c._tmpid();
  const fr = c._tmpid();
  const loop = c._tmpid();
  const i = c._tmpid();
  const pending = c._tmpid();
  // The loop is a scope of its own too: a set in its else block stays there.
  const loopFrame = frame.push(true);
  c._emitLine('frame = frame.push(true);');
  c._emitLine(`var ${fr} = frame;`);
  c._emitLine(`var ${arr} = env.txIter(${items});`);
  if (node['test']) emitFilter(c, node, arr, fr, loopFrame);
  c._emitLine(`var ${loop} = new env.LoopContext(${arr}, ${depth0}, ${recurse});`);
  c._emitLine(`var ${pending} = true;`);
  c._emitLine(`for (var ${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
  c._emitLine(`frame = ${fr}.push(true);`);
  const iter = loopFrame.push(true);
  bindTarget(c, iter, node['name'] as NjNode, `${arr}[${i}]`, bindName);
  c._emitLine(`${loop}.index0 = ${i};`);
  c._emitLine(`frame.set("loop", ${loop});`);
  iter.set('loop', loop);
  c.loops.push({ frameVar: fr });
  c._withScopedSyntax(() => c.compile(node['body'] as NjNode, iter));
  c.loops.pop();
  // Jinja's else runs when no iteration reached its end (a break in the first one included).
  c._emitLine(`${pending} = false;`);
  c._emitLine('}');
  c._emitLine(`frame = ${fr};`);
  if (node['else_']) {
    c._emitLine(`if (${pending}) {`);
    c.compile(node['else_'] as NjNode, loopFrame);
    c._emitLine('}');
  }
  c._emitLine('frame = frame.pop();');
}

export function compileLoop(c: TxCompilerApi, node: NjNode, frame: NjFrame): void {
  const items = c._tmpid();
  c._emitLine(`lineno = ${node.lineno}; colno = ${node.colno};`);
  c._emit(`var ${items} = `);
  c.expr(node['arr'] as NjNode, frame);
  c._emitLine(';');
  if (!node['recursive']) return emitLevel(c, node, frame, items, '0', 'undefined');

  // A recursive loop is a function rendering one level; `loop(x)` renders x one level deeper.
  const fn = c._tmpid();
  const outer = c.buffer;
  c._emitLine(`var ${fn} = function (levelItems, depth0, frame) {`);
  const buf = c._pushBuffer();
  c._emitLine('');
  const recurse = `function (x) { return new runtime.SafeString(${fn}(x, depth0 + 1, frame)); }`;
  const saved = c.loops;
  c.loops = [];
  emitLevel(c, node, frame, 'levelItems', 'depth0', recurse);
  c.loops = saved;
  c._emitLine(`return ${buf};`);
  c._popBuffer();
  c._emitLine('};');
  c._emitLine(`${outer} += ${fn}(${items}, 0, frame);`);
}
