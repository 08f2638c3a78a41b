/** Python's `re` on top of JS RegExp, translating the syntax differences dbt projects hit. */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { pyRepr, pyStr } from './py-repr.js';
import { tuple } from './py-types.js';
import { argOf, splitArgs } from './py-values.js';

const I = 2;
const M = 8;
const S = 16;
const X = 64;

const A = 256;
const WORD = '\\p{L}\\p{N}_';
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

/**
 * Python's escapes on a JS `u`-mode pattern: \w, \d, \b and their negations are Unicode-aware
 * (ASCII with re.ASCII), any punctuation may be escaped (`\-`, `\#`), and a brace that is no
 * quantifier is a literal, as Python reads them.
 */
function pythonEscapes(p: string, ascii: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === '\\' && i + 1 < p.length) {
      const e = p[++i] ?? '';
      if (!ascii && 'wWdDbB'.includes(e)) {
        if (inClass) out += e === 'w' ? WORD : e === 'd' ? '\\p{Nd}' : e === 'D' ? '\\P{Nd}' : `\\${e}`;
        else if (e === 'w') out += `[${WORD}]`;
        else if (e === 'W') out += `[^${WORD}]`;
        else if (e === 'd') out += '\\p{Nd}';
        else if (e === 'D') out += '\\P{Nd}';
        else if (e === 'b') out += `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
        else out += `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;
      } else if (/[A-Za-z0-9]/.test(e) || SYNTAX.has(e) || (inClass && e === '-')) out += `\\${e}`;
      else out += e;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === '^') out += p[++i];
      continue;
    }
    if (c === '{') {
      const q = /^\{\d*(,\d*)?\}/.exec(p.slice(i));
      if (q && q[0] !== '{}' && q[0] !== '{,}' && i > 0) {
        out += q[0];
        i += q[0].length - 1;
      } else out += '\\{';
      continue;
    }
    out += c === '}' ? '\\}' : c;
  }
  return out;
}

function translate(pattern: string, flags: number): RegExp {
  let p = pattern;
  let f = flags;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    for (const c of inline[1] ?? '') f |= c === 'i' ? I : c === 'm' ? M : c === 's' ? S : c === 'x' ? X : c === 'a' ? A : 0;
  }
  if (f & X) p = p.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
  p = p.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\A/g, '^').replace(/\\Z/g, '$');
  p = pythonEscapes(p, (f & A) !== 0);
  return new RegExp(p, 'g' + (f & I ? 'i' : '') + (f & M ? 'm' : '') + (f & S ? 's' : '') + 'u');
}

class PyMatch {
  constructor(private readonly m: RegExpExecArray) {}
  group(...ids: unknown[]): unknown {
    const one = (id: unknown) => (typeof id === 'string' ? this.m.groups?.[id] : this.m[Number(id ?? 0)]) ?? null;
    return ids.length <= 1 ? one(ids[0]) : tuple(ids.map(one));
  }
  groups(dflt: unknown = null): unknown {
    return tuple(this.m.slice(1).map((x) => x ?? dflt));
  }
  groupdict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.m.groups ?? {}).map(([k, v]) => [k, v ?? null]));
  }
  start(): number {
    return this.m.index;
  }
  end(): number {
    return this.m.index + this.m[0].length;
  }
  span(): unknown {
    return tuple([this.start(), this.end()]);
  }
  get string(): string {
    return this.m.input;
  }
  toString(): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match=${pyRepr(this.m[0])}>`;
  }
}

function exec(re: RegExp, s: string, anchored: 'start' | 'full' | 'none'): PyMatch | null {
  const src = new RegExp(anchored === 'full' ? `(?:${re.source})$` : re.source, re.flags.replace('g', '') + (anchored === 'none' ? '' : 'y'));
  const m = src.exec(s);
  return m ? new PyMatch(m) : null;
}

const REPL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Expand a Python replacement template: \1, \g<1>, \g<name>, and string escapes. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\\(g<(\w+)>|\d{1,2}|.)/gs, (whole, body: string, name: string | undefined) => {
    if (name !== undefined) return (/^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name]) ?? '';
    if (/^\d+$/.test(body)) return m[Number(body)] ?? '';
    const e = REPL_ESCAPES[body];
    if (e !== undefined) return e;
    if (/[A-Za-z]/.test(body)) throw new TxError({ code: TxCodes.TemplateRender, message: `bad escape \\${body}` });
    return whole;
  });
}

function matches(re: RegExp, s: string): RegExpExecArray[] {
  return [...s.matchAll(re)] as RegExpExecArray[];
}

function pattern(re: RegExp, source: string): Record<string, unknown> {
  const findall = (s: unknown) =>
    matches(re, pyStr(s)).map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : tuple(m.slice(1).map((x) => x ?? ''))));
  const sub = (repl: unknown, s: unknown, count: unknown = 0) => {
    const str = pyStr(s);
    const max = Number(count);
    let out = '';
    let last = 0;
    let n = 0;
    for (const m of matches(re, str)) {
      if (max > 0 && n >= max) break;
      n++;
      out += str.slice(last, m.index) + (typeof repl === 'function' ? pyStr((repl as (x: unknown) => unknown)(new PyMatch(m))) : expand(pyStr(repl), m));
      last = m.index + m[0].length;
    }
    return out + str.slice(last);
  };
  const split = (s: unknown, maxsplit: unknown = 0) => {
    const str = pyStr(s);
    const max = Number(maxsplit);
    const out: unknown[] = [];
    let last = 0;
    for (const m of matches(re, str)) {
      if (max > 0 && out.length >= max * m.length) break;
      out.push(str.slice(last, m.index), ...m.slice(1).map((x) => x ?? null));
      last = m.index + m[0].length;
    }
    out.push(str.slice(last));
    return out;
  };
  return {
    pattern: source,
    match: (s: unknown) => exec(re, pyStr(s), 'start'),
    fullmatch: (s: unknown) => exec(re, pyStr(s), 'full'),
    search: (s: unknown) => exec(re, pyStr(s), 'none'),
    findall,
    finditer: (s: unknown) => matches(re, pyStr(s)).map((m) => new PyMatch(m)),
    sub,
    split,
  };
}

/** re.escape since Python 3.7: only characters special in patterns. */
const SPECIAL = new Set([...'()[]{}?*+-|^$\\.&~# \t\n\r\v\f']);

export function reModule(): Record<string, unknown> {
  const compiled = (args: unknown[], flagIdx: number) => {
    const a = splitArgs(args);
    const source = pyStr(a.pos[0]);
    return { a, p: pattern(translate(source, Number(argOf(a, flagIdx, 'flags', 0))), source) };
  };
  const call = (name: string, flagIdx: number, ...argIdx: number[]) => (...args: unknown[]) => {
    const { a, p } = compiled(args, flagIdx);
    return (p[name] as (...x: unknown[]) => unknown)(...argIdx.map((i) => a.pos[i]));
  };
  return {
    I, IGNORECASE: I, M, MULTILINE: M, S, DOTALL: S, X, VERBOSE: X, A, ASCII: A,
    compile: (...args: unknown[]) => compiled(args, 1).p,
    match: call('match', 2, 1),
    fullmatch: call('fullmatch', 2, 1),
    search: call('search', 2, 1),
    findall: call('findall', 2, 1),
    finditer: call('finditer', 2, 1),
    split: (...args: unknown[]) => {
      const { a, p } = compiled(args, 3);
      return (p['split'] as (s: unknown, m: unknown) => unknown)(a.pos[1], argOf(a, 2, 'maxsplit', 0));
    },
    sub: (...args: unknown[]) => {
      const { a, p } = compiled(args, 4);
      return (p['sub'] as (r: unknown, s: unknown, c: unknown) => unknown)(a.pos[1], a.pos[2], argOf(a, 3, 'count', 0));
    },
    escape: (s: unknown) => [...pyStr(s)].map((c) => (SPECIAL.has(c) ? '\\' + c : c)).join(''),
  };
}
