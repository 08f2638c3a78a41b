/**
 * A GoogleSQL tokenizer for the fake server: enough to rewrite BigQuery SQL into DuckDB SQL
 * without touching string literals or quoted names. Tokens keep their source text; `value`
 * holds a string literal's decoded content and a quoted name's unescaped parts.
 */

export type TokenKind = 'ws' | 'comment' | 'string' | 'qident' | 'ident' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** string: decoded content; qident: the dotted parts inside the backticks; ident: lower-cased word. */
  value: string;
  parts?: string[];
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?' };

function decodeEscapes(s: string, raw: boolean): string {
  if (raw) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/gs, (_, c: string) => (c.length === 3 ? String.fromCharCode(parseInt(c.slice(1), 16)) : ESCAPES[c] ?? c));
}

function readQuoted(sql: string, i: number, quote: string): number {
  // Triple-quoted strings run to the next unescaped triple quote.
  const triple = sql.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  let j = i + close.length;
  while (j < sql.length) {
    if (sql[j] === '\\') {
      j += 2;
      continue;
    }
    if (sql.startsWith(close, j)) return j + close.length;
    j++;
  }
  throw new Error(`unterminated ${quote === '`' ? 'quoted name' : 'string'} at offset ${i}`);
}

const TWO_CHAR = new Set(['>=', '<=', '<>', '!=', '||', '=>', '->', '::', '<<', '>>']);

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const rest = sql.slice(i, i + 3);
    if (/\s/.test(c)) {
      const m = /^\s+/.exec(sql.slice(i))![0];
      out.push({ kind: 'ws', text: m, value: m });
      i += m.length;
    } else if (rest.startsWith('--') || c === '#') {
      const end = sql.indexOf('\n', i);
      const text = end < 0 ? sql.slice(i) : sql.slice(i, end);
      out.push({ kind: 'comment', text, value: text });
      i += text.length;
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      const text = end < 0 ? sql.slice(i) : sql.slice(i, end + 2);
      out.push({ kind: 'comment', text, value: text });
      i += text.length;
    } else if (c === "'" || c === '"' || (/[rRbB]/.test(c) && (sql[i + 1] === "'" || sql[i + 1] === '"'))) {
      const prefixed = c !== "'" && c !== '"';
      const start = prefixed ? i + 1 : i;
      const q = sql[start] ?? "'";
      const end = readQuoted(sql, start, q);
      const triple = sql.startsWith(q.repeat(3), start);
      const body = sql.slice(start + (triple ? 3 : 1), end - (triple ? 3 : 1));
      out.push({ kind: 'string', text: sql.slice(i, end), value: decodeEscapes(body, prefixed && /[rR]/.test(c)) });
      i = end;
    } else if (c === '`') {
      const end = readQuoted(sql, i, '`');
      const body = decodeEscapes(sql.slice(i + 1, end - 1), false);
      out.push({ kind: 'qident', text: sql.slice(i, end), value: body, parts: body.split('.') });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      out.push({ kind: 'ident', text: m, value: m.toLowerCase() });
      i += m.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))![0];
      out.push({ kind: 'number', text: m, value: m });
      i += m.length;
    } else if (c === '?' || (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? ''))) {
      const m = c === '?' ? '?' : /^@[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      out.push({ kind: 'param', text: m, value: m.slice(1) });
      i += m.length;
    } else {
      const two = sql.slice(i, i + 2);
      const text = TWO_CHAR.has(two) ? two : c;
      out.push({ kind: 'punct', text, value: text });
      i += text.length;
    }
  }
  return out;
}

export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t !== undefined && t.kind === 'ident' && words.includes(t.value);
}

export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === p;
}

/** Tokens without whitespace and comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
}

/** Splits a script into statements at top-level semicolons (empty statements dropped). */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    if (depth === 0 && isPunct(t, ';')) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
  }
  out.push(cur);
  return out.filter((s) => significant(s).length > 0);
}

/** Index of the token closing the bracket opened at `open` (same depth), or -1. */
export function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    else if (isPunct(t, ')') || isPunct(t, ']')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits tokens at top-level commas. */
export function splitArgs(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '(') || isPunct(t, '[')) depth++;
    if (isPunct(t, ')') || isPunct(t, ']')) depth--;
    if (depth === 0 && isPunct(t, ',')) {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
  }
  if (cur.length > 0 || out.length > 0) out.push(cur);
  return out;
}

export function text(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** A synthetic token (rewrites emit these). */
export function raw(textValue: string): Token {
  return { kind: 'punct', text: textValue, value: textValue };
}
