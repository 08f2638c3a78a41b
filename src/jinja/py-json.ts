/**
 * Python's json module: dumps with its separators, ensure_ascii and float repr, and loads that
 * keeps `2.0` a float (JSON.parse would make it the integer 2).
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { floatRepr } from './py-repr.js';
import { PyFloat, isPlainObject, mkFloat } from './py-types.js';
import { isSafeString } from './nunjucks-internals.js';

export interface DumpOptions {
  sortKeys?: boolean;
  indent?: number;
  /** Jinja's tojson filter: escape <, >, & and ' for HTML. */
  htmlSafe?: boolean;
}

const ESC: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** json.dumps of a string with ensure_ascii=True. */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const code = s.charCodeAt(i);
    const e = ESC[ch];
    if (e) out += e;
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return float || !Number.isInteger(n) ? floatRepr(n) : String(n);
}

function dump(v: unknown, o: DumpOptions, level: number): string {
  if (typeof v === 'string') return jsonString(v);
  if (isSafeString(v)) return jsonString(v.val);
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return jsonNumber(v, false);
  if (v instanceof PyFloat) return jsonNumber(v.value, true);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const nl = o.indent === undefined ? '' : '\n' + ' '.repeat(o.indent * (level + 1));
  const end = o.indent === undefined ? '' : '\n' + ' '.repeat(o.indent * level);
  const sep = o.indent === undefined ? ', ' : ',';
  if (Array.isArray(v)) {
    const items = v.map((x) => dump(x, o, level + 1));
    return items.length === 0 ? '[]' : '[' + nl + items.join(sep + nl) + end + ']';
  }
  if (typeof v === 'object') {
    const toJSON = (v as { toJSON?: () => unknown }).toJSON;
    if (!isPlainObject(v) && typeof toJSON === 'function') return dump(toJSON.call(v), o, level);
    if (!isPlainObject(v) && !(v instanceof Map)) {
      // tx objects that print as SQL (relations) serialise as their text, as before.
      const ts = (v as { toString?: unknown }).toString;
      if (!(v instanceof Set) && typeof ts === 'function' && ts !== Object.prototype.toString) return jsonString(String(v));
      throw new TxError({ code: TxCodes.TemplateRender, message: `Object of type ${v.constructor?.name ?? 'object'} is not JSON serializable` });
    }
    let entries = v instanceof Map ? [...v].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
    if (o.sortKeys) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const items = entries.map(([k, x]) => jsonString(k) + ': ' + dump(x, o, level + 1));
    return items.length === 0 ? '{}' : '{' + nl + items.join(sep + nl) + end + '}';
  }
  throw new TxError({ code: TxCodes.TemplateRender, message: `Object of type ${typeof v} is not JSON serializable` });
}

/** Python json.dumps (ensure_ascii, ", " and ": " separators, floats as floats). */
export function jsonDumps(v: unknown, sortKeys = false, indent?: number, htmlSafe = false): string {
  const s = dump(v, { sortKeys, indent }, 0);
  return htmlSafe ? s.replace(/[<>&']/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : s;
}

/** Python json.loads: like JSON.parse, but numbers written with a fraction or exponent are floats. */
export function jsonLoads(text: string): unknown {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') return i++, out;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const k = str();
        ws();
        if (text[i++] !== ':') fail();
        out[k] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, out;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, out;
        else fail();
      }
    }
    if (c === '"') return str();
    for (const [lit, v] of [['true', true], ['false', false], ['null', null], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
      if (text.startsWith(lit, i)) return (i += lit.length), v;
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) return fail();
    i += m[0].length;
    const n = Number(m[0]);
    return m[1] !== undefined || m[2] !== undefined ? mkFloat(n) : n;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}
