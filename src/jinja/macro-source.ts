/**
 * Macro files as dbt writes them: `{% macro %}`, `{% test name(...) %}` and
 * `{% materialization name, adapter='x' %}` (the parser turns the latter two into macros named
 * test_<name> and materialization_<name>_<adapter>). This scans the tags for each macro's
 * line and source text, and reads argument names and called macros from the parsed file.
 */
import { nj, type NjNode, type NjNodeList } from './nunjucks-internals.js';

export interface MacroSpan {
  name: string;
  kind: 'macro' | 'test' | 'materialization';
  line: number;
  source: string;
}

const TAG = /\{%(-?)\s*(macro|test|materialization|endmacro|endtest|endmaterialization)\b([\s\S]*?)(-?)%\}/g;
const COMMENT_OR_RAW = /\{#[\s\S]*?#\}|\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g;

function materializationName(rest: string): string {
  const name = /^\s*(\w+)/.exec(rest)?.[1] ?? '';
  const adapter = /adapter\s*=\s*['"](\w+)['"]/.exec(rest)?.[1] ?? 'default';
  return `materialization_${name}_${adapter}`;
}

/** Blank out comments/raw blocks (same length, newlines kept) so the tag scan ignores them. */
function maskInert(src: string): string {
  return src.replace(COMMENT_OR_RAW, (m) => m.replace(/[^\n]/g, ' '));
}

/** Every top-level macro's span (name as the parser names it, line, source text). */
export function macroSpans(src: string): MacroSpan[] {
  const masked = maskInert(src);
  const spans: MacroSpan[] = [];
  let open: { name: string; kind: MacroSpan['kind']; start: number } | undefined;
  let depth = 0;
  for (const m of masked.matchAll(TAG)) {
    const [whole, , tag = '', rest = ''] = m;
    const start = m.index ?? 0;
    const end = start + whole.length;
    if (tag === 'macro' || tag === 'test' || tag === 'materialization') {
      depth++;
      if (depth > 1) continue;
      let name = /^\s*(\w+)/.exec(rest)?.[1] ?? '';
      if (tag === 'test') name = `test_${name}`;
      else if (tag === 'materialization') name = materializationName(rest);
      open = { name, kind: tag, start };
    } else {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && open) {
        spans.push({ name: open.name, kind: open.kind, line: src.slice(0, open.start).split('\n').length, source: src.slice(open.start, end) });
        open = undefined;
      }
    }
  }
  return spans;
}

function walk(node: unknown, visit: (n: NjNode) => void): void {
  if (Array.isArray(node)) return node.forEach((c) => walk(c, visit));
  if (!(node instanceof nj.nodes.Node)) return;
  const n: NjNode = node;
  visit(n);
  for (const f of n.fields) walk(n[f], visit);
}

export interface MacroAst {
  name: string;
  argNames: string[];
  calledMacros: string[];
}

const literal = (n: NjNode | undefined): string | undefined =>
  n !== undefined && n.typename === 'Literal' && typeof n['value'] === 'string' ? (n['value'] as string) : undefined;

/**
 * The names a syntax tree calls: `f()` → `f`, `pkg.f()` → `pkg.f`, and
 * `adapter.dispatch('f', 'ns')` → `adapter.dispatch:f:ns` (the namespace empty when not given).
 */
export function calledMacroNames(root: unknown): string[] {
  const called = new Set<string>();
  walk(root, (n) => {
    if (n.typename !== 'FunCall') return;
    const f = n['name'] as NjNode;
    if (f.typename === 'Symbol') {
      called.add(String(f['value']));
      return;
    }
    if (f.typename !== 'LookupVal' || (f['target'] as NjNode).typename !== 'Symbol' || literal(f['val'] as NjNode) === undefined) return;
    const target = String((f['target'] as NjNode)['value']);
    const member = literal(f['val'] as NjNode)!;
    if (target === 'adapter' && member === 'dispatch') {
      const args = (n['args'] as NjNodeList).children;
      const name = literal(args[0]);
      if (name === undefined) return;
      const kw = args.find((a) => a.typename === 'KeywordArgs') as NjNodeList | undefined;
      const nsPair = kw?.children.find((p) => String((p['key'] as NjNode)['value']) === 'macro_namespace');
      const ns = literal(args[1] !== undefined && args[1].typename !== 'KeywordArgs' ? args[1] : (nsPair?.['value'] as NjNode | undefined)) ?? '';
      called.add(`adapter.dispatch:${name}:${ns}`);
    } else called.add(`${target}.${member}`);
  });
  return [...called].sort();
}

/** Top-level macros of a parsed file: argument names and the names their bodies call. */
export function describeMacros(root: NjNode): MacroAst[] {
  const out: MacroAst[] = [];
  for (const child of (root as NjNodeList).children) {
    if (child.typename !== 'Macro') continue;
    const argNames: string[] = [];
    for (const a of (child['args'] as NjNodeList).children) {
      if (a.typename === 'Symbol') argNames.push(String(a['value']));
      else if (a.typename === 'Dict' || a.typename === 'KeywordArgs') {
        for (const p of (a as NjNodeList).children) argNames.push(String((p['key'] as NjNode)['value']));
      }
    }
    out.push({ name: String((child['name'] as NjNode)['value']), argNames, calledMacros: calledMacroNames(child['body']) });
  }
  return out;
}
