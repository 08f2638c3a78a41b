/**
 * Macros and call-block callers compiled with Jinja's semantics: arguments bound as Jinja's
 * Macro.__call__ binds them (env.txMacro), defaults evaluated per call after the earlier
 * arguments, `varargs`/`kwargs`/`caller` caught only when the body uses them, the body closing
 * over the scope it is defined in, `return()` giving the macro's value, and failures
 * positioned in the macro's own file.
 */
import { bindName, type TxCompilerApi } from './compile-frames.js';
import { nj, type NjFrame, type NjNode, type NjNodeList } from './nunjucks-internals.js';

interface Param {
  name: string;
  dflt?: NjNode;
}

/** Parameters in order; `b=1` pairs arrive in a trailing KeywordArgs node. */
function params(c: TxCompilerApi, node: NjNode): Param[] {
  const out: Param[] = [];
  for (const a of (node['args'] as NjNodeList).children) {
    if (a.typename === 'KeywordArgs' || a.typename === 'Dict') {
      for (const p of (a as NjNodeList).children) out.push({ name: String((p['key'] as NjNode)['value']), dflt: p['value'] as NjNode });
    } else if (a.typename === 'Symbol') out.push({ name: String(a['value']) });
    else c.fail('macro arguments must be names', a.lineno, a.colno);
  }
  return out;
}

/** Which of varargs/kwargs/caller the body mentions (nested macro definitions excluded). */
function specialNames(body: NjNode): Set<string> {
  const found = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!(n instanceof nj.nodes.Node)) return;
    const node = n as NjNode;
    if (node.typename === 'Macro') return;
    if (node.typename === 'Symbol' && ['varargs', 'kwargs', 'caller'].includes(String(node['value']))) found.add(String(node['value']));
    for (const f of node.fields) walk(node[f]);
  };
  walk(body);
  return found;
}

/** Emit the macro function; returns the JS variable holding it. */
export function compileMacroFunction(c: TxCompilerApi, node: NjNode, frame: NjFrame | undefined): string {
  const isCaller = node.typename === 'Caller';
  const name = isCaller ? 'caller' : String((node['name'] as NjNode)['value']);
  const ps = params(c, node);
  const uses = specialNames(node['body'] as NjNode);
  const funcId = `macro_${c._tmpid()}`;
  const defFrame = c._tmpid();
  const argIds = ps.map((_, i) => `a${i}`);
  c._emitLine(`var ${defFrame} = frame;`);
  c._emitLine(
    `var ${funcId} = env.txMacro(${JSON.stringify(name)}, ${JSON.stringify(ps.map((p) => p.name))}, ` +
      `${uses.has('varargs')}, ${uses.has('kwargs')}, ${uses.has('caller')}, ` +
      `function (${[...argIds, 'varargs', 'kwargs', 'caller'].join(', ')}) {`,
  );
  c._emitLine(`var frame = ${defFrame}.push(true);`);
  c._emitLine(`var lineno = ${node.lineno}, colno = ${node.colno};`);
  c._emitLine('try {');
  const f = (frame ?? new nj.runtime.Frame()).push(true);
  ps.forEach((p, i) => {
    const a = argIds[i] ?? '';
    c._emit(`if (${a} === env.txMissing) { ${a} = `);
    if (p.dflt) c.expr(p.dflt, f);
    else c._emit('undefined');
    c._emitLine('; }');
    bindName(c, f, p.name, a);
  });
  for (const special of ['varargs', 'kwargs', 'caller']) if (uses.has(special)) bindName(c, f, special, special);
  const saved = c.loops;
  c.loops = [];
  const buf = c._pushBuffer();
  c._emitLine('');
  c._withScopedSyntax(() => c.compile(node['body'] as NjNode, f));
  c._emitLine(`return new runtime.SafeString(${buf});`);
  c._popBuffer();
  c.loops = saved;
  c._emitLine(`} catch (e) { throw env.txLocate(e, ${JSON.stringify(c.templateName)}, lineno, colno); }`);
  c._emitLine('});');
  return funcId;
}
