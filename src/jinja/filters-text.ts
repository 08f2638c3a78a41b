/** Jinja's text and number filters, plus dbt's as_text/as_bool/as_number/as_native. */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { nj } from './nunjucks-internals.js';
import { STR } from './py-str-methods.js';
import { pyPercent } from './py-percent.js';
import { pyRepr, pyStr } from './py-repr.js';
import { isFloat, mkFloat, numeric, tuple } from './py-types.js';
import { argOf, asString, splitArgs, truthy } from './py-values.js';
import { isSafeString } from './nunjucks-internals.js';
import type { FilterEnv, Fn } from './filters.js';

function pyLiteral(v: unknown): unknown {
  const s = asString(v);
  if (s === undefined) return v;
  const t = s.trim();
  if (t === 'True' || t === 'true') return true;
  if (t === 'False' || t === 'false') return false;
  if (t === 'None') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return Number(t);
  try {
    return JSON.parse(t.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null')) as unknown;
  } catch {
    return s;
  }
}

const strMethod = (name: string, s: string, ...pos: unknown[]): unknown => STR[name]!(s, { pos, kw: {} }, () => []);

/** Python int(): strings by base 10 (then as a float), numbers truncated. */
function toInt(v: unknown, dflt: unknown): unknown {
  if (v === undefined) throw new TxError({ code: TxCodes.UndefinedVar, message: 'an undefined value cannot be converted to int' });
  const s = asString(v);
  if (s !== undefined) {
    const t = s.trim().replace(/_/g, '');
    if (/^[-+]?\d+$/.test(t)) return Number(t);
    const f = Number(t);
    return t !== '' && Number.isFinite(f) ? Math.trunc(f) : dflt;
  }
  const n = numeric(v);
  return n !== undefined && Number.isFinite(n) ? Math.trunc(n) : dflt;
}

function toFloat(v: unknown, dflt: unknown): unknown {
  const s = asString(v);
  const n = s !== undefined ? (s.trim() === '' ? NaN : Number(s.trim())) : numeric(v);
  if (n === undefined || Number.isNaN(n)) return dflt;
  return mkFloat(n);
}

/** Python's round(): half to even. */
function roundHalfEven(x: number, precision: number): number {
  const m = 10 ** precision;
  const y = x * m;
  const r = Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : Math.round(y);
  return r / m;
}

function escapeHtml(v: unknown): unknown {
  if (isSafeString(v)) return v;
  const s = pyStr(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
  return nj.runtime.markSafe(s);
}

function indent(v: unknown, width: unknown = 4, first = false, blank = false): string {
  const ind = asString(width) ?? ' '.repeat(Number(width));
  const lines = (pyStr(v) + '\n').split(/\r\n|\r|\n/).slice(0, -1);
  let rv: string;
  if (blank) rv = lines.join('\n' + ind);
  else rv = (lines[0] ?? '') + (lines.length > 1 ? '\n' + lines.slice(1).map((l) => (l ? ind + l : l)).join('\n') : '');
  return first ? ind + rv : rv;
}

function truncate(v: unknown, length = 255, killwords = false, end = '...', leeway = 5): string {
  const s = pyStr(v);
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const head = s.slice(0, length - end.length);
  const i = head.lastIndexOf(' ');
  return (i < 0 ? head : head.slice(0, i)) + end;
}

export function registerTextFilters(env: FilterEnv): void {
  const add = (name: string, fn: Fn) => env.addFilter(name, fn);
  const kwFilter = (names: string[], fn: (v: unknown, ...a: unknown[]) => unknown): Fn => (...args) => {
    const a = splitArgs(args);
    return fn(a.pos[0], ...names.map((n, i) => argOf(a, i + 1, n)));
  };

  add('string', (v) => pyStr(v));
  add('pprint', (v) => pyRepr(v));
  add('upper', (v) => pyStr(v).toUpperCase());
  add('lower', (v) => pyStr(v).toLowerCase());
  add('title', (v) => strMethod('title', pyStr(v)));
  add('capitalize', (v) => strMethod('capitalize', pyStr(v)));
  add('trim', kwFilter(['chars'], (v, chars) => strMethod('strip', pyStr(v), chars)));
  add('center', kwFilter(['width'], (v, width) => strMethod('center', pyStr(v), width ?? 80)));
  add('replace', kwFilter(['old', 'new', 'count'], (v, o, n, c) => strMethod('replace', pyStr(v), o, n, c ?? -1)));
  add('indent', kwFilter(['width', 'first', 'blank'], (v, w, f, b) => indent(v, w ?? 4, f === true, b === true)));
  add('truncate', kwFilter(['length', 'killwords', 'end', 'leeway'], (v, l, k, e, lw) => truncate(v, Number(l ?? 255), k === true, pyStr(e ?? '...'), Number(lw ?? 5))));
  add('wordcount', (v) => pyStr(v).match(/[\p{L}\p{N}_]+/gu)?.length ?? 0);
  add('format', (fmt, ...args) => {
    const a = splitArgs(args);
    if (a.pos.length > 0 && Object.keys(a.kw).length > 0) {
      throw new TxError({ code: TxCodes.TemplateRender, message: "can't handle positional and keyword arguments at the same time" });
    }
    return pyPercent(pyStr(fmt), a.pos.length > 0 ? tuple(a.pos) : a.kw);
  });
  add('escape', escapeHtml);
  add('e', escapeHtml);
  add('safe', (v) => nj.runtime.markSafe(v));
  add('default', kwFilter(['default_value', 'boolean'], (v, d, b) => (v === undefined || (b === true && !truthy(v)) ? (d ?? '') : v)));
  add('d', kwFilter(['default_value', 'boolean'], (v, d, b) => (v === undefined || (b === true && !truthy(v)) ? (d ?? '') : v)));
  add('int', kwFilter(['default', 'base'], (v, d) => toInt(v, d ?? 0)));
  add('float', kwFilter(['default'], (v, d) => toFloat(v, d ?? mkFloat(0))));
  add('abs', (v) => {
    const n = numeric(v);
    if (n === undefined) throw new TxError({ code: TxCodes.TemplateRender, message: `bad operand type for abs(): '${pyStr(v)}'` });
    return isFloat(v) ? mkFloat(Math.abs(n)) : Math.abs(n);
  });
  add('round', kwFilter(['precision', 'method'], (v, p, m) => {
    const n = numeric(v);
    if (n === undefined) throw new TxError({ code: TxCodes.TemplateRender, message: `type ${pyStr(v)} doesn't define __round__ method` });
    const precision = Number(p ?? 0);
    const method = pyStr(m ?? 'common');
    if (method === 'common') return !isFloat(v) && precision >= 0 ? n : mkFloat(roundHalfEven(n, precision));
    const f = method === 'floor' ? Math.floor : method === 'ceil' ? Math.ceil : undefined;
    if (!f) throw new TxError({ code: TxCodes.TemplateRender, message: 'method must be common, ceil or floor' });
    return mkFloat(f(n * 10 ** precision) / 10 ** precision);
  }));
  add('as_text', (v) => pyStr(v));
  add('as_bool', (v) => pyLiteral(v));
  add('as_number', (v) => pyLiteral(v));
  add('as_native', (v) => pyLiteral(v));
}
