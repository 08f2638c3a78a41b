/** Python's `re` on top of JS RegExp, translating the syntax differences dbt projects hit. */
import { argOf, pyStr, splitArgs } from './py-values.js';

const I = 2;
const M = 8;
const S = 16;
const X = 64;

function translate(pattern: string, flags: number): RegExp & { pyFlags?: number } {
  let p = pattern;
  let f = flags;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    for (const c of inline[1] ?? '') f |= c === 'i' ? I : c === 'm' ? M : c === 's' ? S : c === 'x' ? X : 0;
  }
  if (f & X) p = p.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
  p = p.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\A/g, '^').replace(/\\Z/g, '$');
  return new RegExp(p, 'g' + (f & I ? 'i' : '') + (f & M ? 'm' : '') + (f & S ? 's' : '') + 'u');
}

class PyMatch {
  constructor(private readonly m: RegExpExecArray) {}
  group(...ids: unknown[]): unknown {
    const one = (id: unknown) => (typeof id === 'string' ? this.m.groups?.[id] : this.m[Number(id ?? 0)]) ?? null;
    return ids.length <= 1 ? one(ids[0]) : ids.map(one);
  }
  groups(): unknown[] { return this.m.slice(1).map((x) => x ?? null); }
  groupdict(): Record<string, unknown> { return { ...(this.m.groups ?? {}) }; }
  start(): number { return this.m.index; }
  end(): number { return this.m.index + this.m[0].length; }
  span(): number[] { return [this.start(), this.end()]; }
  get string(): string { return this.m.input; }
  toString(): string { return `<re.Match object; span=(${this.start()}, ${this.end()}), match='${this.m[0]}'>`; }
}

function exec(re: RegExp, s: string, anchored: 'start' | 'full' | 'none'): PyMatch | null {
  const src = anchored === 'none' ? re : new RegExp(anchored === 'full' ? `(?:${re.source})$` : re.source, re.flags.replace('g', '') + 'y');
  src.lastIndex = 0;
  const m = src.exec(s);
  return m ? new PyMatch(m) : null;
}

function replacement(repl: unknown): string | ((...a: unknown[]) => string) {
  if (typeof repl === 'function') return (...a: unknown[]) => pyStr((repl as (m: unknown) => unknown)(new PyMatch(Object.assign([...(a.slice(0, -2) as string[])], { index: a[a.length - 2] as number, input: a[a.length - 1] as string }) as unknown as RegExpExecArray)));
  return pyStr(repl).replace(/\$/g, '$$$$').replace(/\\g<(\w+)>/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`)).replace(/\\(\d+)/g, '$$$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

function pattern(re: RegExp): Record<string, unknown> {
  const api = {
    pattern: re.source,
    match: (s: unknown) => exec(re, pyStr(s), 'start'),
    fullmatch: (s: unknown) => exec(re, pyStr(s), 'full'),
    search: (s: unknown) => { re.lastIndex = 0; return exec(new RegExp(re.source, re.flags.replace('g', '')), pyStr(s), 'none'); },
    findall: (s: unknown) => [...pyStr(s).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : m.slice(1).map((x) => x ?? ''))),
    finditer: (s: unknown) => [...pyStr(s).matchAll(re)].map((m) => new PyMatch(m as RegExpExecArray)),
    sub: (repl: unknown, s: unknown, count: unknown = 0) => {
      let n = 0;
      const r = replacement(repl);
      const max = Number(count);
      return pyStr(s).replace(re, (...a: unknown[]) => {
        if (max > 0 && n++ >= max) return String(a[0]);
        return typeof r === 'function' ? r(...a) : String(a[0]).replace(new RegExp(re.source, re.flags.replace('g', '')), r);
      });
    },
    split: (s: unknown, maxsplit: unknown = 0) => {
      const parts = pyStr(s).split(re);
      const max = Number(maxsplit);
      return max > 0 && parts.length > max + 1 ? [...parts.slice(0, max), pyStr(s).split(re).slice(max).join('')] : parts;
    },
  };
  return api;
}

export function reModule(): Record<string, unknown> {
  const compileArgs = (args: unknown[], patIdx: number, flagIdx: number) => {
    const a = splitArgs(args);
    return { a, re: translate(pyStr(a.pos[patIdx]), Number(argOf(a, flagIdx, 'flags', 0))) };
  };
  return {
    I, IGNORECASE: I, M, MULTILINE: M, S, DOTALL: S, X, VERBOSE: X,
    compile: (...args: unknown[]) => pattern(compileArgs(args, 0, 1).re),
    match: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 2); return exec(re, pyStr(a.pos[1]), 'start'); },
    fullmatch: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 2); return exec(re, pyStr(a.pos[1]), 'full'); },
    search: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 2); return (pattern(re)['search'] as (s: unknown) => unknown)(a.pos[1]); },
    findall: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 2); return (pattern(re)['findall'] as (s: unknown) => unknown)(a.pos[1]); },
    split: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 3); return (pattern(re)['split'] as (s: unknown, m: unknown) => unknown)(a.pos[1], argOf(a, 2, 'maxsplit', 0)); },
    sub: (...args: unknown[]) => { const { a, re } = compileArgs(args, 0, 4); return (pattern(re)['sub'] as (r: unknown, s: unknown, c: unknown) => unknown)(a.pos[1], a.pos[2], argOf(a, 3, 'count', 0)); },
    escape: (s: unknown) => pyStr(s).replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&'),
  };
}
